"""The workbook's instructions sheet (HuongDan): what to fill, where, how to send, by when."""

from __future__ import annotations

from typing import Protocol

from models.campaign import Campaign
from tasks.templates.campaign_rules import UnitLike, campaign_lines


class NamedUnit(UnitLike, Protocol):
    """A unit with the name the sheet prints."""

    @property
    def name(self) -> str: ...


def instruction_lines(campaign: Campaign, unit: NamedUnit, year: int) -> list[str]:
    """Return the lines of the instructions sheet for unit's report of year."""
    deadline = campaign.deadline_for(year)
    lines = [
        f"MẪU BÁO CÁO KẾT QUẢ PHONG TRÀO THI ĐUA NĂM {year} ({campaign.template_version})",
        f'Phong trào: "{campaign.name}" ({campaign.plan.number}).',
        f"Đơn vị: {unit.name} (mã {unit.code}).",
        *campaign_lines(campaign, unit, year),
        "",
        "1. Trang ThongTin: điền các trường có ghi (bắt buộc) ở cột gia_tri; không sửa cột truong.",
        "2. Trang ChiTieu: mỗi dòng một chỉ tiêu đã ghi sẵn mã; tong_so là tổng số (mẫu số), dat "
        "là số đạt (tử số), đều là số lượng (hồ sơ, văn bản, người...), không nhập tỷ lệ %.",
        '   tong_so = 0 nghĩa là "không áp dụng" cho đơn vị. Chỉ tiêu đếm (ô tong_so tô xám) '
        "chỉ nhập cột dat. Chỉ tiêu có/không nhập 1 (có) hoặc 0 (không).",
        f"   Kết quả khác có thể thêm dòng với mã bắt đầu bằng {campaign.free_indicator_prefix} "
        "(ví dụ KHAC_UNG_DUNG).",
    ]
    if year in {max(phase.years) for phase in campaign.phases}:
        lines.append(
            "3. Trang DeNghi: danh sách đề nghị khen thưởng (loai: tap_the hoặc ca_nhan; "
            "gioi_tinh: nam hoặc nu); tệp báo cáo thành tích của từng người ghi ở cột "
            "tep_bao_cao_thanh_tich và tải vào thư mục dinh-kem/ cùng Tờ trình và Biên bản họp xét."
        )
    lines += [
        "",
        "Nộp báo cáo trên Cổng thi đua - khen thưởng: đăng nhập bằng tài khoản của đơn vị, "
        "chọn tệp này và các hồ sơ kèm theo, bấm «Tải lên và tự kiểm tra»; kết quả tự kiểm tra "
        "hiện ngay, phản hồi của hệ thống hiện trên trang của đơn vị sau ít phút.",
        f"(Thư mục của đơn vị trên hệ thống: {campaign.code}/{year}/{unit.code}/.)",
        f"Hạn nộp: {deadline:%H:%M:%S} ngày {deadline:%d/%m/%Y}. Có thể nộp lại nhiều lần; bản "
        "hợp lệ mới nhất nộp đúng hạn được tính.",
        "Các cột mã (ô khóa) do hệ thống đọc: không sửa; chỉ điền vào các ô để trống.",
    ]
    return lines
