"""The yearly report contract BCTD-1 as data: sheets, fields, columns (spec/report-format.md)."""

from __future__ import annotations

from dataclasses import dataclass

INFO_SHEET = "ThongTin"
INDICATOR_SHEET = "ChiTieu"
NOMINATION_SHEET = "DeNghi"
ATTACHMENTS_FOLDER = "dinh-kem"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
DOSSIER_SUFFIXES = (".docx", ".doc", ".pdf")


@dataclass(frozen=True)
class FieldSpec:
    """A field of the ThongTin sheet."""

    code: str
    label: str
    required: bool


INFO_FIELDS = (
    FieldSpec("phien_ban_mau", "phiên bản mẫu", True),
    FieldSpec("ma_don_vi", "mã đơn vị", True),
    FieldSpec("ten_don_vi", "tên đơn vị", True),
    FieldSpec("nam", "năm báo cáo", True),
    FieldSpec("nguoi_lap", "người lập", True),
    FieldSpec("chuc_vu_nguoi_lap", "chức vụ người lập", False),
    FieldSpec("dien_thoai", "điện thoại", False),
    FieldSpec("email", "thư điện tử", False),
    FieldSpec("thu_truong", "thủ trưởng đơn vị", True),
    FieldSpec("chuc_vu_thu_truong", "chức vụ thủ trưởng", True),
    FieldSpec("ngay_bao_cao", "ngày báo cáo", True),
)
INDICATOR_COLUMNS = ("ma_chi_tieu", "noi_dung", "tong_so", "dat", "ghi_chu")
INDICATOR_REQUIRED_COLUMNS = ("ma_chi_tieu", "tong_so", "dat")
NOMINATION_COLUMNS = (
    "stt",
    "loai",
    "ten",
    "ngay_sinh",
    "gioi_tinh",
    "chuc_vu",
    "don_vi_cong_tac",
    "thanh_tich",
    "sang_kien",
    "tep_bao_cao_thanh_tich",
)
# Optional columns beyond the contract: the post and unit held now, a collective's share of women.
NOMINATION_EXTRA_COLUMNS = ("chuc_vu_hien_nay", "don_vi_hien_nay", "ty_le_nu")
NOMINATION_KINDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân"}
GENDERS = {"nam": "nam", "nu": "nữ"}
# Fields a nomination needs, by kind (the others are optional).
NOMINATION_REQUIRED = {
    "tap_the": ("ten", "thanh_tich", "tep_bao_cao_thanh_tich"),
    "ca_nhan": (
        "ten",
        "ngay_sinh",
        "gioi_tinh",
        "chuc_vu",
        "don_vi_cong_tac",
        "thanh_tich",
        "tep_bao_cao_thanh_tich",
    ),
}
DOSSIER_DOCUMENTS = {"to_trinh": "Tờ trình đề nghị khen thưởng", "bien_ban": "Biên bản họp xét"}
