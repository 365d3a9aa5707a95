"""The report workbook on paper and against slips: A4 one page wide, codes and headers locked."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

UNLOCKED = Protection(locked=False)
EXTRA_ROWS = 30  # free rows under the indicators, for the unit's own KHAC_ results


def fit_a4(sheet: Worksheet, *, landscape: bool) -> None:
    """Print sheet on A4, one page wide (as many pages down as needed), header on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.print_options.horizontalCentered = True
    if sheet.max_row > 1 and sheet.title != "HuongDan":
        sheet.print_title_rows = "1:1"


def protect(sheet: Worksheet, editable: list[str]) -> None:
    """Lock sheet (no password: against slips, not people) except the editable ranges."""
    unlocked: int | None = None  # UNLOCKED's index in the workbook, added at its first use
    for cells in editable:
        first_column, first_row, last_column, last_row = range_boundaries(cells)
        for row in sheet.iter_rows(
            min_row=first_row, max_row=last_row, min_col=first_column, max_col=last_column
        ):
            for cell in row:  # cell.protection = UNLOCKED, the index looked up once
                if unlocked is None:
                    unlocked = sheet.parent._protections.add(UNLOCKED)
                if not cell._style:
                    cell._style = StyleArray()
                cell._style.protectionId = unlocked
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may still be changed
    sheet.protection.formatRows = False


HEADER_LABELS = {
    "truong": "Trường thông tin (mã, không sửa)",
    "gia_tri": "Giá trị: điền vào đây",
    "mo_ta": "Ý nghĩa của trường",
    "ma_chi_tieu": "Mã chỉ tiêu (không sửa)",
    "noi_dung": "Nội dung chỉ tiêu",
    "stt": "Số thứ tự",
    "loai": "Loại: tap_the (tập thể) hoặc ca_nhan (cá nhân)",
    "ten": "Tên tập thể hoặc họ tên cá nhân",
    "ngay_sinh": "Ngày sinh (cá nhân), dd/mm/yyyy",
    "gioi_tinh": "Giới tính: nam hoặc nu (nữ)",
    "chuc_vu": "Chức vụ trong thời gian lập thành tích",
    "don_vi_cong_tac": "Đơn vị công tác",
    "thanh_tich": "Thành tích tiêu biểu",
    "sang_kien": "Sáng kiến, giải pháp (nếu có)",
    "tep_bao_cao_thanh_tich": "Tên tệp báo cáo thành tích (trong hồ sơ tải lên)",
    "chuc_vu_hien_nay": "Chức vụ hiện nay (nếu khác)",
    "don_vi_hien_nay": "Đơn vị hiện nay (nếu khác)",
    "ty_le_nu": "Tỷ lệ nữ của tập thể (0 đến 1)",
    "ghi_chu": "Ghi chú",
}


def label_headers(sheet: Worksheet) -> None:
    """Explain each code of the header row in Vietnamese (a note on the cell; codes stay)."""
    for cell in sheet[1]:
        label = HEADER_LABELS.get(str(cell.value))
        if label and cell.comment is None:
            cell.comment = Comment(label, "thidua")


def lay_out(sheets: dict[str, Worksheet], *, prefilled_info_rows: set[int]) -> None:
    """Give every sheet of the report its print layout and its locks."""
    for name, sheet in sheets.items():
        fit_a4(sheet, landscape=name in {"ChiTieu", "DeNghi"})
        if name != "HuongDan":
            label_headers(sheet)
    protect(sheets["HuongDan"], [])
    info = sheets["ThongTin"]
    protect(
        info,
        [f"B{row}" for row in range(2, info.max_row + 1) if row not in prefilled_info_rows],
    )
    indicators = sheets["ChiTieu"]
    last = indicators.max_row
    protect(indicators, [f"C2:E{last}", f"A{last + 1}:E{last + EXTRA_ROWS}"])
    if "DeNghi" in sheets:
        nominations = sheets["DeNghi"]
        protect(
            nominations,
            [
                f"A2:{nominations.cell(1, nominations.max_column).column_letter}"
                f"{nominations.max_row}"
            ],
        )


def use_font(workbook: Workbook, font: str) -> None:
    """Give every written cell the document font, keeping bold and sizes.

    The same as setting cell.font = Font(name=font, bold=..., size=...) on each cell whose font
    differs (the same fonts added in the same order, the same bytes), but each font of the
    workbook is looked at once: a cell takes the index its font maps to.
    """
    fonts = workbook._fonts  # openpyxl's indexed list of the workbook's fonts
    index: dict[int, int] = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not cell._style:  # as openpyxl's style descriptors do on first use
                    cell._style = StyleArray()
                style = cell._style
                old = style.fontId
                if old not in index:
                    used = fonts[old]
                    index[old] = (
                        old
                        if used.name == font
                        else fonts.add(Font(name=font, bold=used.bold, size=used.size))
                    )
                style.fontId = index[old]
