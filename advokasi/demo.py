"""Demo advocacy records for `manage.py seed_demo`: a year of an advocacy office's work.

Four teams, their surveys and problems, FGDs, priority groups, guidance sessions with RTL, one
monitoring instrument, monitoring plans and records, and the problem lifecycle they drive, all
relative to `today` so the figures stay meaningful whenever the command runs: some RTL overdue,
some due within a week, some done; sessions over the past year and a few in the next three weeks;
monitoring visits past, missed and coming.

The records are written through the services where their signature is simple (surveys, problems,
priority groups, RTL, monitoring) and with the ORM otherwise (FGDs and sessions, whose services
take formsets), always numbered with `beri_nomor` and with history naming a person.

Every event is written "on its day": the clock (`django.utils.timezone.now`) is set to the event's
date while it is recorded, so that created/changed stamps, history rows, lifecycle transitions and
the dates services fill in (an RTL started, finished) read like the office's real timeline.

Every person, phone number and link is made up; institutions come from the registry demo data.
"""

import random
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from advokasi.models import (
    AlternatifTindakan,
    Bimbingan,
    BimbinganMasalah,
    Fgd,
    KelompokMasalah,
    KriteriaPrioritas,
    Permasalahan,
    PesertaBimbingan,
    PesertaFgd,
    Rtl,
    Tim,
)
from advokasi.pedoman import LANGKAH_BIMBINGAN, LANGKAH_FGD, JenisBimbingan, JenisTim
from advokasi.services.masalah import permasalahan_majukan, permasalahan_ubah_status
from advokasi.services.nomor import beri_nomor
from advokasi.services.prioritas import kelompok_nilai, kelompok_putuskan, kelompok_save
from advokasi.services.rtl import rtl_lanjutkan, rtl_save
from advokasi.services.survei import permasalahan_create, survei_create
from advokasi.services.tim import tim_save
from akun.models import Profil
from akun.roles import Role
from lsp.demo_data import (
    DEGREES,
    FEMALE_FIRST,
    FEMALE_LAST,
    MALE_FIRST,
    MALE_LAST,
    MARGA,
)
from lsp.models import Sasaran
from monitoring.models import Aspek, Fokus, Indikator, Instrumen, RencanaMonitoring
from monitoring.services import (
    KonfirmasiInput,
    ProgresInput,
    aspek_save,
    catatan_record,
    fokus_save,
    indikator_save,
    instrumen_save,
    rencana_save,
)

SEED = 604
J = Sasaran.Jenis
Tingkat = Permasalahan.Tingkat
Status = Permasalahan.Status
RtlJenis = Rtl.Jenis
RtlStatus = Rtl.Status
Metode = RencanaMonitoring.Metode
Tipe = Indikator.Tipe

# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FasilitatorSpec:
    username: str
    first_name: str
    last_name: str
    jabatan: str


# Fasilitators beside the demo account `fasilitator`; they log in with the demo password.
FASILITATOR = [
    FasilitatorSpec("fas.rina", "Rina", "Wulandari", "Fasilitator Advokasi LSP"),
    FasilitatorSpec("fas.yusuf", "Yusuf", "Firmansyah", "Fasilitator Independen"),
    FasilitatorSpec("fas.maya", "Maya", "Puspitasari", "Fasilitator Advokasi LSP"),
    FasilitatorSpec("fas.dimas", "Dimas", "Nugroho", "Fasilitator Independen"),
    FasilitatorSpec("fas.ketut", "I Ketut", "Suardana", "Fasilitator Advokasi LSP Pariwisata"),
    FasilitatorSpec("fas.sari", "Sari", "Handayani", "Fasilitator Advokasi BKSP"),
]

# --- targets, by short key: (jenis, name), or (BKSP, province) -------------------------------

SASARAN = {
    # Jawa Barat
    "J1": (J.LSP, "LSP P1 SMK Negeri 1 Bandung"),
    "J2": (J.LSP, "LSP P1 SMK Negeri 1 Cimahi"),
    "J3": (J.LSP, "LSP Informatika Indonesia"),
    "J4": (J.LSP, "LSP P2 PT Pindad"),
    "J5": (J.LSP, "LSP Otomotif Indonesia"),
    "J6": (J.LSP, "LSP P1 Politeknik Negeri Bandung"),
    "J7": (J.LSP, "LSP Perfilman dan Animasi"),
    "J8": (J.LSP, "LSP P1 SMK Negeri 5 Bekasi"),
    "J9": (J.LSP, "LSP Logam dan Mesin Indonesia"),
    # Jawa Timur and Bali
    "T1": (J.LSP, "LSP P1 Politeknik Negeri Malang"),
    "T2": (J.LSP, "LSP P1 Politeknik Elektronika Negeri Surabaya"),
    "T3": (J.LSP, "LSP P1 SMK Negeri 2 Surabaya"),
    "T4": (J.LSP, "LSP Ketenagalistrikan Nusantara"),
    "T5": (J.LSP, "LSP P2 PT Semen Indonesia (Persero) Tbk"),
    "T7": (J.LSP, "LSP P1 SMK Negeri 1 Denpasar"),
    "T8": (J.LSP, "LSP P1 Politeknik Negeri Bali"),
    "T9": (J.LSP, "LSP P2 PT PAL Indonesia"),
    # Tourism
    "P1": (J.LSP, "LSP Pariwisata Nusantara"),
    "P2": (J.LSP, "LSP Perhotelan Indonesia"),
    "P3": (J.LSP, "LSP Pemandu Wisata Indonesia"),
    "P4": (J.LSP, "LSP Kuliner Nusantara"),
    "P5": (J.LSP, "LSP P1 SMK Negeri 3 Malang"),
    "P6": (J.LSP, "LSP P1 Politeknik Negeri Manado"),
    "PHRI": (J.ASOSIASI_INDUSTRI, "Perhimpunan Hotel dan Restoran Indonesia"),
    "ASITA": (J.ASOSIASI_INDUSTRI, "Asosiasi Travel Agent Indonesia DPD Bali"),
    "HPI": (J.ASOSIASI_PROFESI, "Himpunan Pramuwisata Indonesia DPD Bali"),
    "DISPAR": (J.INSTANSI_TEKNIS, "Dinas Pariwisata Provinsi Bali"),
    "KEMENPAR": (J.INSTANSI_TEKNIS, "Kementerian Pariwisata dan Ekonomi Kreatif"),
    "PPB": (J.LEMDIKLAT, "Politeknik Pariwisata Bali"),
    # BKSP and the provincial manpower offices
    "B1": (J.BKSP, "Jawa Barat"),
    "B2": (J.BKSP, "Jawa Tengah"),
    "B3": (J.BKSP, "Jawa Timur"),
    "B4": (J.BKSP, "Bali"),
    "B5": (J.BKSP, "Sumatera Utara"),
    "B6": (J.BKSP, "Kalimantan Timur"),
    "DJB": (J.INSTANSI_TEKNIS, "Disnakertrans Provinsi Jawa Barat"),
    "DJT": (J.INSTANSI_TEKNIS, "Dinas Tenaga Kerja Provinsi Jawa Timur"),
}

# The people met at a target, by role; the labels depend on the kind of target.
PERAN = ("ketua", "sertifikasi", "mutu", "admin", "kepala")
JABATAN_LSP = {
    "ketua": "Ketua LSP",
    "sertifikasi": "Manajer Sertifikasi",
    "mutu": "Manajer Mutu",
    "admin": "Staf Administrasi LSP",
}
JABATAN_KEPALA = {"SMK": "Kepala Sekolah", "P1": "Wakil Direktur Bidang Akademik"}
JABATAN_BKSP = {
    "ketua": "Ketua BKSP",
    "sertifikasi": "Sekretaris BKSP",
    "mutu": "Anggota Bidang Pembinaan LSP",
    "admin": "Staf Sekretariat BKSP",
    "kepala": "Kepala Bidang Pelatihan dan Produktivitas Disnaker",
}
JABATAN_LAIN = {
    "ketua": "Ketua",
    "sertifikasi": "Sekretaris",
    "mutu": "Kepala Bidang",
    "admin": "Staf Sekretariat",
    "kepala": "Ketua Dewan Pengurus",
}


# --- the records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimSpec:
    key: str
    nama: str
    jenis: str
    anggota: tuple[str, ...]
    keterangan: str
    provinsi: tuple[str, ...] = ()  # the LSPs of these provinces
    sektor: str = ""  # the LSPs of this sector
    tambahan: tuple[str, ...] = ()  # further targets, by key


TIM = [
    TimSpec(
        "jabar",
        "Tim Advokasi Wilayah Jawa Barat",
        JenisTim.UNIT_LSP,
        ("fasilitator", "fas.rina", "fas.yusuf"),
        "Advokasi unit LSP di Jawa Barat, bekerja sama dengan BKSP Provinsi Jawa Barat.",
        provinsi=("Jawa Barat",),
    ),
    TimSpec(
        "jatim",
        "Tim Advokasi Wilayah Jawa Timur dan Bali",
        JenisTim.UNIT_LSP,
        ("fas.maya", "fas.dimas"),
        "Advokasi unit LSP di Jawa Timur dan Bali; kunjungan lapangan bergantian per triwulan.",
        provinsi=("Jawa Timur", "Bali"),
    ),
    TimSpec(
        "wisata",
        "Tim Advokasi Kelompok LSP Pariwisata",
        JenisTim.KELOMPOK_LSP,
        ("fas.ketut", "fas.rina"),
        "Advokasi kelompok LSP sektor pariwisata dengan permasalahan sejenis, bersama asosiasi "
        "industri dan profesi pariwisata.",
        sektor="Pariwisata",
        tambahan=("PHRI", "ASITA", "HPI", "DISPAR", "KEMENPAR", "PPB"),
    ),
    TimSpec(
        "bksp",
        "Tim Advokasi BKSP sebagai Pembina LSP di Daerah",
        JenisTim.BKSP,
        ("fas.sari", "fas.yusuf"),
        "Penguatan BKSP sebagai pembina LSP di daerah (§3.3), dimulai dari enam provinsi.",
        tambahan=("B1", "B2", "B3", "B4", "B5", "B6", "DJB", "DJT"),
    ),
]


@dataclass(frozen=True)
class SurveiSpec:
    key: str
    tim: str
    hari: int  # days from today (negative: in the past)
    oleh: str
    sasaran: tuple[str, ...]
    ringkasan: str


SURVEI = [
    SurveiSpec("SJ1", "jabar", -330, "fasilitator", ("J1", "J2", "J8"),
        "Survei ke tiga LSP P1 SMK di Bandung Raya dan Bekasi. Ketiganya aktif menguji siswa "
        "kelas XII, tetapi kapasitas asesor, kesiapan TUK dan perangkat asesmen belum sebanding "
        "dengan jumlah peserta uji."),
    SurveiSpec("SP1", "wisata", -320, "fas.ketut", ("P1", "P2", "PHRI"),
        "Survei LSP pariwisata di Bali dan Yogyakarta serta wawancara dengan pengurus PHRI "
        "tentang penggunaan sertifikat kompetensi dalam rekrutmen hotel dan restoran."),
    SurveiSpec("ST1", "jatim", -310, "fas.maya", ("T1", "T2", "T3"),
        "Survei ke dua LSP P1 politeknik dan satu LSP P1 SMK di Malang dan Surabaya. Rasio "
        "asesor terhadap asesi dan verifikasi TUK menjadi temuan utama."),
    SurveiSpec("SJ2", "jabar", -300, "fas.rina", ("J3", "J7"),
        "Pemetaan dua LSP P3 bidang teknologi informasi dan animasi. Pengakuan sertifikat oleh "
        "industri dan kemandirian pendanaan menjadi isu utama."),
    SurveiSpec("SP2", "wisata", -290, "fas.ketut", ("P3", "P4", "HPI"),
        "Survei LSP Pemandu Wisata Indonesia, LSP Kuliner Nusantara dan HPI DPD Bali. Kecukupan "
        "asesor dan pengembangan skema baru menjadi sorotan."),
    SurveiSpec("ST2", "jatim", -280, "fas.dimas", ("T4", "T5", "T9"),
        "Pemetaan LSP Ketenagalistrikan Nusantara, LSP P2 PT Semen Indonesia dan LSP P2 PT PAL "
        "Indonesia menjelang perpanjangan lisensi."),
    SurveiSpec("SB1", "bksp", -270, "fas.sari", ("B1", "B3", "DJB"),
        "Survei peran BKSP Jawa Barat dan BKSP Jawa Timur sebagai pembina LSP di daerah, termasuk "
        "wawancara dengan Disnakertrans Provinsi Jawa Barat."),
    SurveiSpec("SJ3", "jabar", -265, "fas.yusuf", ("J4", "J6", "J9"),
        "Survei ke LSP P2 PT Pindad, LSP P1 Politeknik Negeri Bandung dan LSP Logam dan Mesin "
        "Indonesia. Sistem manajemen mutu dan ketersediaan TUK tempat kerja perlu perhatian."),
    SurveiSpec("ST3", "jatim", -180, "fas.dimas", ("T7", "T8"),
        "Survei ke dua LSP P1 bidang pariwisata di Bali; permintaan uji kompetensi dari siswa "
        "dan alumni meningkat tajam sejak musim liburan."),
    SurveiSpec("SB2", "bksp", -150, "fas.yusuf", ("B4", "B5", "B6"),
        "Survei BKSP Bali, Sumatera Utara dan Kalimantan Timur tentang kapasitas sekretariat "
        "dan koordinasi dengan asosiasi serta instansi teknis di daerah."),
    SurveiSpec("SP3", "wisata", -130, "fas.rina", ("P5", "P6"),
        "Survei dua LSP P1 bidang pariwisata di Malang dan Manado untuk perluasan kelompok "
        "advokasi LSP pariwisata."),
    SurveiSpec("SJ4", "jabar", -40, "fasilitator", ("J5", "J1"),
        "Survei lanjutan ke LSP Otomotif Indonesia dan LSP P1 SMK Negeri 1 Bandung untuk "
        "perencanaan bimbingan semester berikutnya."),
]  # fmt: skip


@dataclass(frozen=True)
class MasalahSpec:
    key: str
    survei: str
    sasaran: str
    kategori: str  # §4.1 a–d
    lingkup: str  # §1.1 a–e
    tingkat: str
    uraian: str
    # Alternative corrective actions, proposed at the first FGD or session that takes it up.
    alternatif: tuple[str, ...] = ()


MASALAH = [
    # --- Jawa Barat
    MasalahSpec("j1-asesor", "SJ1", "J1", "c", "c", Tingkat.TINGGI,
        "Jumlah asesor kompetensi skema Rekayasa Perangkat Lunak hanya 3 orang, sementara peserta "
        "uji mencapai 420 siswa per tahun.",
        ("Mengusulkan 6 guru produktif mengikuti pelatihan asesor kompetensi (RCC) BNSP pada "
         "tahun berjalan.",
         "Bekerja sama dengan LSP P1 SMK lain di Kota Bandung untuk penugasan asesor tamu pada "
         "periode uji puncak.")),
    MasalahSpec("j1-mutu", "SJ1", "J1", "d", "b", Tingkat.SEDANG,
        "Dokumen mutu (panduan mutu dan prosedur) belum mengacu Pedoman BNSP 201 yang berlaku.",
        ("Merevisi panduan mutu dan prosedur LSP dengan pendampingan fasilitator.",
         "Mengikuti lokakarya penyusunan dokumen mutu yang diselenggarakan BKSP Jawa Barat.")),
    MasalahSpec("j2-tuk", "SJ1", "J2", "d", "c", Tingkat.TINGGI,
        "TUK sewaktu belum diverifikasi ulang sejak skema Teknik Otomasi Industri diperbarui.",
        ("Menjadwalkan verifikasi ulang TUK sewaktu oleh tim verifikator LSP sebelum periode uji "
         "berikutnya.",
         "Memindahkan uji skema Teknik Otomasi Industri ke TUK mandiri yang sudah "
         "terverifikasi.")),
    MasalahSpec("j2-industri", "SJ1", "J2", "a", "d", Tingkat.SEDANG,
        "Belum ada kerja sama dengan industri mitra untuk validasi skema dan pengakuan lulusan "
        "bersertifikat.",
        ("Menyusun MoU dengan dua industri mitra di kawasan industri Cimahi.",
         "Melibatkan asosiasi industri dalam komite skema LSP.")),
    MasalahSpec("j8-muk", "SJ1", "J8", "d", "c", Tingkat.TINGGI,
        "Perangkat asesmen skema Teknik Kendaraan Ringan belum divalidasi sebelum digunakan.",
        ("Memvalidasi perangkat asesmen oleh tim validator yang melibatkan asesor dari industri.",
         "Memakai perangkat asesmen tervalidasi dari LSP sektor otomotif sebagai acuan.")),
    MasalahSpec("j8-program", "SJ1", "J8", "d", "e", Tingkat.SEDANG,
        "Program kerja LSP tahun berjalan belum disahkan dewan pengarah dan belum memuat target "
        "sertifikasi per skema.",
        ("Menyusun program kerja dengan target sertifikasi per skema dan mengesahkannya dalam "
         "rapat dewan pengarah.",)),
    MasalahSpec("j3-mou", "SJ2", "J3", "a", "a", Tingkat.SEDANG,
        "Belum ada MoU dengan asosiasi industri teknologi informasi untuk pengakuan sertifikat "
        "kompetensi oleh pengguna tenaga kerja.",
        ("Menjajaki MoU pengakuan sertifikat dengan KADIN bidang telematika.",
         "Menyelenggarakan forum pengguna sertifikat bersama perusahaan TI di Bandung.")),
    MasalahSpec("j3-sistem", "SJ2", "J3", "c", "d", Tingkat.RENDAH,
        "Sistem informasi sertifikasi belum terhubung dengan basis data sertifikat BNSP sehingga "
        "pelaporan masih dilakukan manual.",
        ("Mengembangkan pelaporan elektronik ke sistem informasi BNSP secara bertahap.",)),
    MasalahSpec("j7-skema", "SJ2", "J7", "c", "d", Tingkat.TINGGI,
        "Skema Animator 2D dan Animator 3D yang diusulkan belum diverifikasi BNSP sehingga belum "
        "dapat diujikan.",
        ("Melengkapi dokumen skema sesuai SKKNI dan mengajukan verifikasi skema ke BNSP.",
         "Mengundang praktisi studio animasi dalam komite skema untuk kaji ulang isi skema.")),
    MasalahSpec("j7-dana", "SJ2", "J7", "a", "a", Tingkat.TINGGI,
        "Pendanaan operasional LSP masih bergantung pada hibah asosiasi; belum ada tarif uji "
        "yang menutup biaya.",
        ("Menyusun struktur biaya dan tarif uji kompetensi yang disetujui dewan pengarah.",
         "Menjalin kerja sama uji kompetensi berbayar dengan studio animasi.")),
    MasalahSpec("j6-pengakuan", "SJ3", "J6", "b", "a", Tingkat.SEDANG,
        "Sertifikat kompetensi lulusan belum diakui instansi pembina sektor manufaktur sebagai "
        "syarat rekrutmen.",
        ("Mengajukan audiensi ke Kementerian Perindustrian bersama BKSP Jawa Barat.",)),
    MasalahSpec("j9-kaji", "SJ3", "J9", "d", "b", Tingkat.KRITIS,
        "Kaji ulang manajemen dan audit internal tidak dilaksanakan dalam dua tahun terakhir.",
        ("Melaksanakan audit internal dan kaji ulang manajemen dengan pendampingan fasilitator.",
         "Melatih dua staf menjadi auditor internal LSP.")),
    MasalahSpec("j9-tuk", "SJ3", "J9", "c", "d", Tingkat.SEDANG,
        "Hanya satu TUK tempat kerja aktif untuk skema Pengelasan SMAW sehingga antrean uji "
        "lebih dari tiga bulan.",
        ("Memverifikasi dua TUK tempat kerja baru di kawasan industri Cikarang.",)),
    MasalahSpec("j4-surveilan", "SJ3", "J4", "d", "e", Tingkat.RENDAH,
        "Surveilan pemegang sertifikat dan pemeliharaan kompetensi asesor belum masuk program "
        "kerja LSP.",
        ("Memasukkan jadwal surveilan pemegang sertifikat ke program kerja tahun depan.",)),
    MasalahSpec("j5-asesor", "SJ4", "J5", "c", "c", Tingkat.SEDANG,
        "Asesor skema Mekanik Alat Berat belum memperbarui sertifikat teknisnya."),
    MasalahSpec("j5-komite", "SJ4", "J5", "a", "b", Tingkat.RENDAH,
        "Komite skema belum melibatkan perwakilan Gabungan Industri Kendaraan Bermotor "
        "Indonesia."),
    MasalahSpec("j1-anggaran", "SJ4", "J1", "b", "e", Tingkat.TINGGI,
        "Anggaran uji kompetensi siswa kelas XII tahun depan belum dialokasikan dalam RKAS "
        "sekolah.",
        ("Mengusulkan alokasi anggaran uji kompetensi dalam RKAS dan mencari bantuan biaya dari "
         "Dinas Pendidikan Provinsi Jawa Barat.",)),
    # --- Jawa Timur and Bali
    MasalahSpec("t1-asesor", "ST1", "T1", "c", "c", Tingkat.TINGGI,
        "Rasio asesor terhadap asesi 1:60; empat asesor habis masa berlaku sertifikatnya tahun "
        "ini.",
        ("Mengusulkan dosen mengikuti pelatihan asesor dan memperpanjang sertifikat asesor "
         "melalui RCC.",
         "Membatasi jumlah asesi per periode uji sesuai kapasitas asesor.")),
    MasalahSpec("t2-tuk", "ST1", "T2", "d", "c", Tingkat.SEDANG,
        "TUK sewaktu di laboratorium mitra belum diverifikasi ulang setelah relokasi peralatan.",
        ("Melaksanakan verifikasi ulang TUK sewaktu sebelum uji kompetensi berikutnya.",)),
    MasalahSpec("t3-muk", "ST1", "T3", "d", "c", Tingkat.TINGGI,
        "Perangkat asesmen skema Teknik Pemesinan masih memakai format lama dan belum memuat "
        "bukti portofolio.",
        ("Menyusun ulang perangkat asesmen dengan format portofolio dan memvalidasinya.",
         "Mengadopsi perangkat asesmen LSP Logam dan Mesin Indonesia dengan penyesuaian.")),
    MasalahSpec("t3-industri", "ST1", "T3", "a", "d", Tingkat.SEDANG,
        "Belum ada asosiasi industri yang terlibat dalam pengembangan skema sertifikasi LSP.",
        ("Mengundang asosiasi industri logam dan permesinan dalam komite skema.",)),
    MasalahSpec("t4-lisensi", "ST2", "T4", "b", "a", Tingkat.TINGGI,
        "Persyaratan perpanjangan lisensi belum lengkap: laporan surveilan dan rekaman "
        "sertifikasi tiga tahun terakhir belum tersusun.",
        ("Menyusun rekaman sertifikasi dan laporan surveilan dengan pendampingan fasilitator.",)),
    MasalahSpec("t5-ruang", "ST2", "T5", "c", "d", Tingkat.RENDAH,
        "Ruang lingkup skema belum mencakup jabatan operator pengendali kiln yang dibutuhkan "
        "perusahaan.",
        ("Mengembangkan skema Operator Pengendali Kiln berbasis SKKNI sektor semen.",)),
    MasalahSpec("t9-mutu", "ST2", "T9", "d", "b", Tingkat.SEDANG,
        "Pemisahan fungsi pelatihan dan sertifikasi belum jelas dalam struktur organisasi LSP.",
        ("Menata ulang struktur organisasi LSP dan menetapkan pernyataan ketidakberpihakan.",)),
    MasalahSpec("t7-asesor", "ST3", "T7", "c", "c", Tingkat.TINGGI,
        "Jumlah asesor kompetensi skema Tata Boga dan Barista tidak mencukupi untuk uji "
        "kompetensi 360 siswa.",
        ("Mengusulkan guru produktif tata boga mengikuti pelatihan asesor.",
         "Menugaskan asesor tamu dari LSP Pariwisata Nusantara.")),
    MasalahSpec("t7-program", "ST3", "T7", "d", "e", Tingkat.SEDANG,
        "Program kerja LSP belum menjadwalkan uji kompetensi bagi alumni dan masyarakat sekitar.",
        ("Menambahkan jadwal uji bagi alumni dan masyarakat dalam program kerja LSP.",)),
    MasalahSpec("t8-dinas", "ST3", "T8", "b", "a", Tingkat.RENDAH,
        "Dukungan Dinas Pariwisata Provinsi Bali terhadap penggunaan sertifikat kompetensi di "
        "usaha pariwisata belum terwujud."),
    # --- tourism
    MasalahSpec("p1-mou", "SP1", "P1", "a", "a", Tingkat.TINGGI,
        "Belum ada MoU dengan asosiasi industri pariwisata (PHRI) tentang pengakuan sertifikat "
        "kompetensi dalam rekrutmen.",
        ("Menyusun dan menandatangani MoU pengakuan sertifikat dengan PHRI BPD Bali.",
         "Menyelenggarakan temu pengguna sertifikat bersama manajer SDM hotel di Badung.")),
    MasalahSpec("p1-asesor", "SP1", "P1", "c", "c", Tingkat.SEDANG,
        "Jumlah asesor skema Front Office dan Housekeeping tidak sebanding dengan permintaan uji "
        "dari hotel di Kabupaten Badung.",
        ("Merekrut praktisi hotel sebagai calon asesor dan mengikutkan mereka pelatihan asesor.",
         "Menggabungkan jadwal uji beberapa hotel dalam satu periode.")),
    MasalahSpec("p2-tuk", "SP1", "P2", "d", "c", Tingkat.SEDANG,
        "Sebagian besar TUK tempat kerja di hotel mitra belum diverifikasi ulang setelah "
        "perubahan skema.",
        ("Memverifikasi ulang seluruh TUK tempat kerja di hotel mitra.",)),
    MasalahSpec("phri-dukungan", "SP1", "PHRI", "a", "a", Tingkat.SEDANG,
        "Anggota PHRI belum mensyaratkan sertifikat kompetensi dalam rekrutmen karyawan hotel "
        "dan restoran.",
        ("Mendorong surat edaran PHRI tentang pengutamaan tenaga kerja bersertifikat.",)),
    MasalahSpec("p3-skema", "SP2", "P3", "c", "d", Tingkat.SEDANG,
        "Skema Pemandu Wisata Selam dan Pemandu Ekowisata belum tersedia meskipun permintaan "
        "tinggi di Nusa Tenggara Barat.",
        ("Mengembangkan dan mengajukan verifikasi dua skema baru ke BNSP.",)),
    MasalahSpec("p3-mutu", "SP2", "P3", "d", "b", Tingkat.RENDAH,
        "Dokumen mutu belum mengacu Pedoman BNSP 201 dan prosedur banding belum ditetapkan.",
        ("Merevisi dokumen mutu dan menetapkan prosedur banding.",)),
    MasalahSpec("p4-barista", "SP2", "P4", "c", "c", Tingkat.KRITIS,
        "Jumlah asesor kompetensi skema Barista tidak mencukupi: hanya 2 asesor untuk 150 "
        "permohonan uji per semester.",
        ("Mengusulkan praktisi barista bersertifikat mengikuti pelatihan asesor kompetensi.",
         "Menetapkan kuota uji skema Barista sesuai kapasitas asesor sampai asesor baru "
         "tersedia.")),
    MasalahSpec("hpi-asesor", "SP2", "HPI", "a", "c", Tingkat.RENDAH,
        "Pramuwisata senior anggota HPI belum diusulkan menjadi asesor kompetensi.",
        ("Menyusun daftar pramuwisata senior yang memenuhi syarat calon asesor.",)),
    MasalahSpec("p5-tuk", "SP3", "P5", "d", "c", Tingkat.SEDANG,
        "TUK sewaktu di hotel mitra belum diverifikasi ulang.",
        ("Menjadwalkan verifikasi ulang TUK sewaktu bersama hotel mitra.",)),
    MasalahSpec("p6-dana", "SP3", "P6", "b", "e", Tingkat.TINGGI,
        "Anggaran uji kompetensi mahasiswa belum masuk rencana anggaran politeknik.",
        ("Mengusulkan anggaran uji kompetensi dalam rencana bisnis dan anggaran politeknik.",)),
    # --- BKSP
    MasalahSpec("b1-anggaran", "SB1", "B1", "b", "e", Tingkat.KRITIS,
        "Dukungan dinas tenaga kerja provinsi untuk anggaran uji kompetensi belum ada dalam "
        "APBD.",
        ("Menyusun usulan anggaran uji kompetensi bersama Disnakertrans dan Bappeda.",
         "Menggalang dana CSR industri untuk uji kompetensi tenaga kerja.")),
    MasalahSpec("b1-data", "SB1", "B1", "c", "b", Tingkat.SEDANG,
        "BKSP belum memiliki basis data LSP, TUK dan asesor di wilayahnya yang mutakhir.",
        ("Membangun basis data LSP, TUK dan asesor dengan pemutakhiran per semester.",)),
    MasalahSpec("b3-pembinaan", "SB1", "B3", "d", "e", Tingkat.SEDANG,
        "Program pembinaan LSP di daerah belum disusun; kegiatan BKSP masih bersifat insidental.",
        ("Menyusun program pembinaan LSP tahunan dan forum koordinasi triwulanan.",)),
    MasalahSpec("djb-regulasi", "SB1", "DJB", "b", "a", Tingkat.SEDANG,
        "Peraturan gubernur tentang sertifikasi kompetensi tenaga kerja daerah belum "
        "diterbitkan.",
        ("Menyiapkan naskah akademik rancangan peraturan gubernur bersama biro hukum.",)),
    MasalahSpec("b4-sdm", "SB2", "B4", "c", "b", Tingkat.SEDANG,
        "Sekretariat BKSP hanya didukung satu staf sehingga pendampingan LSP tidak berjalan."),
    MasalahSpec("b5-koordinasi", "SB2", "B5", "a", "a", Tingkat.RENDAH,
        "Koordinasi BKSP dengan asosiasi profesi dan industri di daerah belum terjadwal."),
    MasalahSpec("b6-pemetaan", "SB2", "B6", "c", "d", Tingkat.RENDAH,
        "Pemetaan kebutuhan skema sertifikasi sektor pertambangan dan migas di daerah belum "
        "dilakukan."),
]  # fmt: skip


@dataclass(frozen=True)
class FgdSpec:
    key: str
    tim: str
    hari: int
    oleh: str
    masalah: tuple[str, ...]
    kesimpulan: str
    tempat: str = ""
    tautan: str = ""
    jam: time = time(9, 0)
    pembina: tuple[str, ...] = ()  # BKSP keys whose chair joins as pembina LSP
    narasumber: tuple[tuple[str, str], ...] = ()  # (name, institution)
    catatan: dict = field(default_factory=dict)  # step → note


FGD = [
    FgdSpec("FP1", "wisata", -240, "fas.ketut",
        ("p1-mou", "p1-asesor", "p2-tuk", "phri-dukungan", "p3-skema", "p3-mutu", "p4-barista",
         "hpi-asesor"),
        "Kekurangan asesor (Barista, Front Office, Housekeeping) dan belum adanya pengakuan "
        "sertifikat oleh industri adalah masalah bersama LSP pariwisata. Disepakati bahan "
        "advokasi: percepatan pelatihan asesor dari praktisi industri, MoU dengan PHRI, dan "
        "verifikasi ulang TUK tempat kerja di hotel mitra.",
        tempat="Ruang Rapat Politeknik Pariwisata Bali, Kabupaten Badung",
        pembina=("B4",),
        narasumber=(("Ni Made Ayu Lestari", "Perhimpunan Hotel dan Restoran Indonesia BPD Bali"),),
        catatan={"b": "Delapan permasalahan dari dua survei dipaparkan.",
                 "c": "Tiap permasalahan diberi satu atau dua alternatif tindakan."}),
    FgdSpec("FJ1", "jabar", -250, "fasilitator",
        ("j1-asesor", "j1-mutu", "j2-tuk", "j2-industri", "j8-muk", "j8-program", "j3-mou",
         "j3-sistem", "j7-skema", "j7-dana"),
        "Permasalahan LSP P1 SMK berpusat pada kapasitas asesor dan kesiapan perangkat asesmen; "
        "LSP P3 membutuhkan dukungan pengakuan industri. Bahan advokasi: pelatihan asesor, "
        "revisi dokumen mutu sesuai Pedoman BNSP 201, verifikasi ulang TUK, dan MoU dengan "
        "asosiasi industri.",
        tempat="Ruang Rapat BKSP Provinsi Jawa Barat, Kota Bandung",
        pembina=("B1",),
        catatan={"a": "Tiga fasilitator dan pembina LSP dari BKSP Jawa Barat hadir.",
                 "d": "Diskusi dipimpin Bambang Sutrisno."}),
    FgdSpec("FJ2", "jabar", -215, "fas.yusuf",
        ("j6-pengakuan", "j9-kaji", "j9-tuk", "j4-surveilan"),
        "LSP Logam dan Mesin Indonesia perlu pendampingan segera untuk audit internal dan kaji "
        "ulang manajemen; ketersediaan TUK tempat kerja dibahas bersama industri di Cikarang.",
        tautan="https://zoom.us/j/86104020215", jam=time(13, 30),
        narasumber=(("Ir. Haryanto Kusuma, M.T.", "Persatuan Insinyur Indonesia"),)),
    FgdSpec("FB1", "bksp", -180, "fas.sari",
        ("b1-anggaran", "b1-data", "b3-pembinaan", "djb-regulasi"),
        "BKSP belum dapat berperan sebagai pembina LSP karena keterbatasan anggaran, data dan "
        "program. Bahan advokasi: usulan anggaran daerah untuk uji kompetensi, basis data LSP "
        "provinsi, dan program pembinaan tahunan.",
        tautan="https://zoom.us/j/86104020180", jam=time(10, 0),
        pembina=("B1", "B3")),
    FgdSpec("FT1", "jatim", -190, "fas.maya",
        ("t1-asesor", "t2-tuk", "t3-muk", "t3-industri", "t4-lisensi", "t5-ruang", "t9-mutu"),
        "LSP P1 di Malang dan Surabaya memiliki masalah sejenis (asesor, TUK, perangkat asesmen) "
        "sehingga diusulkan bimbingan kelompok. LSP Ketenagalistrikan Nusantara memerlukan "
        "bimbingan unit untuk persiapan perpanjangan lisensi.",
        tempat="Ruang Sidang Dinas Tenaga Kerja Provinsi Jawa Timur, Kota Surabaya",
        pembina=("B3",)),
    FgdSpec("FP2", "wisata", -110, "fas.rina",
        ("p5-tuk", "p6-dana", "p4-barista"),
        "Kekurangan asesor Barista di LSP Kuliner Nusantara belum teratasi sepenuhnya; diusulkan "
        "bimbingan unit LSP. Dua LSP P1 baru dimasukkan ke kelompok advokasi pariwisata.",
        tempat="Kantor BNSP, Jakarta", tautan="https://zoom.us/j/86104020110", jam=time(13, 0)),
]  # fmt: skip


@dataclass(frozen=True)
class KelompokSpec:
    key: str
    tim: str
    hari: int
    oleh: str
    fgd: str
    nama: str
    uraian: str
    jenis_sasaran: str
    sasaran: tuple[str, ...]
    masalah: tuple[str, ...]
    skor: tuple[int, ...]  # per active criterion, in their order (§4.3b)
    strategi: str = ""  # set by the Komisi ten days later (§4.3c)


JS = KelompokMasalah.JenisSasaran
KELOMPOK = [
    KelompokSpec("KJ1", "jabar", -235, "fasilitator", "FJ1",
        "Kapasitas asesor dan kesiapan perangkat asesmen LSP P1 SMK",
        "Tiga LSP P1 SMK di Bandung Raya dan Bekasi menghadapi kekurangan asesor, TUK yang belum "
        "diverifikasi ulang dan perangkat asesmen yang belum divalidasi.",
        JS.KELOMPOK_LSP, ("J1", "J2", "J8"),
        ("j1-asesor", "j1-mutu", "j2-tuk", "j2-industri", "j8-muk", "j8-program"),
        (5, 4, 4, 3),
        "Bimbingan teknis kelompok LSP (§5.1) untuk tiga LSP P1 SMK, dilanjutkan bimbingan unit "
        "bagi LSP yang belum menuntaskan RTL. Prioritas: sertifikasi asesor baru, verifikasi "
        "ulang TUK dan validasi perangkat asesmen sebelum periode uji kelas XII."),
    KelompokSpec("KP1", "wisata", -225, "fas.ketut", "FP1",
        "Dukungan industri dan kecukupan asesor LSP pariwisata",
        "LSP pariwisata kekurangan asesor dari praktisi industri dan sertifikatnya belum "
        "dipakai dalam rekrutmen hotel dan restoran.",
        JS.KELOMPOK_LSP, ("P1", "P2", "P3", "P4"),
        ("p1-mou", "p1-asesor", "p2-tuk", "p3-skema", "p4-barista"),
        (5, 5, 4, 4),
        "Bimbingan kelompok LSP pariwisata bersama PHRI dan HPI: percepatan pelatihan asesor dari "
        "praktisi industri, MoU pengakuan sertifikat dengan PHRI, verifikasi ulang TUK tempat "
        "kerja. LSP Kuliner Nusantara didampingi khusus untuk skema Barista."),
    KelompokSpec("KJ2", "jabar", -200, "fas.yusuf", "FJ2",
        "Sistem manajemen mutu LSP Logam dan Mesin Indonesia",
        "Audit internal dan kaji ulang manajemen tidak berjalan; TUK tempat kerja terbatas.",
        JS.LSP, ("J9",), ("j9-kaji", "j9-tuk"), (4, 2, 3, 3)),
    KelompokSpec("KT1", "jatim", -175, "fas.maya", "FT1",
        "Kecukupan asesor dan verifikasi TUK LSP P1 Jawa Timur",
        "Masalah sejenis pada tiga LSP P1 di Malang dan Surabaya.",
        JS.KELOMPOK_LSP, ("T1", "T2", "T3"), ("t1-asesor", "t2-tuk", "t3-muk", "t3-industri"),
        (4, 3, 4, 2)),
    KelompokSpec("KB1", "bksp", -170, "fas.sari", "FB1",
        "Penguatan peran BKSP sebagai pembina LSP di daerah",
        "Anggaran, data dan program pembinaan LSP di BKSP Jawa Barat dan Jawa Timur.",
        JS.BKSP, ("B1", "B3"), ("b1-anggaran", "b1-data", "b3-pembinaan"), (4, 3, 5, 3)),
]  # fmt: skip


@dataclass(frozen=True)
class SesiMasalah:
    masalah: str
    dipilih: int | None = 0  # index of the chosen alternative
    selesai_di_tempat: bool = False
    catatan: str = ""


@dataclass(frozen=True)
class BimbinganSpec:
    key: str
    jenis: str
    tim: str
    hari: int
    sasaran: tuple[str, ...]
    fasilitator: tuple[str, ...]
    masalah: tuple[SesiMasalah, ...]
    status: str = Bimbingan.Status.TERLAKSANA
    kelompok: str | None = None
    tempat: str = ""
    tautan: str = ""
    mulai: time = time(9, 0)
    selesai: time = time(15, 0)
    kesimpulan: str = ""
    catatan: dict = field(default_factory=dict)  # step → note
    # Unfinished RTL of earlier sessions carried into this one: (rtl key, new due day).
    lanjutan: tuple[tuple[str, int], ...] = ()


K = JenisBimbingan
M = SesiMasalah
BIMBINGAN = [
    BimbinganSpec("BJ1", K.KELOMPOK_LSP, "jabar", -200, ("J1", "J2", "J8"),
        ("fasilitator", "fas.rina"),
        (M("j1-asesor", catatan="Kepala sekolah menyetujui pengiriman 6 guru."),
         M("j1-mutu"), M("j2-tuk"), M("j8-muk")),
        kelompok="KJ1", tempat="Aula BKSP Provinsi Jawa Barat, Kota Bandung",
        kesimpulan="Ketiga LSP sepakat memprioritaskan sertifikasi asesor baru dan kesiapan TUK "
        "sebelum periode uji kelas XII. Enam butir RTL disepakati dengan batas waktu "
        "masing-masing."),
    BimbinganSpec("BP1", K.KELOMPOK_LSP, "wisata", -190, ("P1", "P2", "P3", "P4"),
        ("fas.ketut", "fas.rina"),
        (M("p1-mou"), M("p1-asesor"), M("p2-tuk"), M("p3-skema"),
         M("p4-barista", dipilih=1, selesai_di_tempat=True,
           catatan="Kuota uji Barista disepakati langsung dalam sesi.")),
        kelompok="KP1", tempat="Ruang Rapat Politeknik Pariwisata Bali, Kabupaten Badung",
        mulai=time(8, 30), selesai=time(15, 30),
        kesimpulan="Empat LSP pariwisata menyepakati percepatan penambahan asesor dari praktisi "
        "industri dan penandatanganan MoU dengan PHRI. Kuota uji Barista ditetapkan di tempat."),
    BimbinganSpec("BJ2", K.LSP, "jabar", -170, ("J9",), ("fas.yusuf",),
        (M("j9-kaji"), M("j9-tuk")),
        kelompok="KJ2", tempat="Kantor LSP Logam dan Mesin Indonesia, Kota Bekasi",
        kesimpulan="LSP berkomitmen melaksanakan audit internal dan kaji ulang manajemen dalam "
        "tiga bulan serta memverifikasi dua TUK tempat kerja baru."),
    BimbinganSpec("BT1", K.KELOMPOK_LSP, "jatim", -150, ("T1", "T2", "T3"),
        ("fas.maya", "fas.dimas"),
        (M("t1-asesor"), M("t2-tuk"), M("t3-muk"), M("t3-industri")),
        kelompok="KT1", tempat="Ruang Rapat Politeknik Negeri Malang, Kota Malang",
        mulai=time(8, 30), selesai=time(15, 30),
        kesimpulan="Tiga LSP P1 sepakat menambah asesor, memverifikasi ulang TUK dan menyusun "
        "ulang perangkat asesmen skema Teknik Pemesinan. Enam butir RTL disepakati."),
    BimbinganSpec("BB1", K.BKSP, "bksp", -140, ("B1",), ("fas.sari", "fas.yusuf"),
        (M("b1-anggaran"), M("b1-data")),
        kelompok="KB1", tempat="Kantor BKSP Provinsi Jawa Barat, Kota Bandung",
        kesimpulan="BKSP Jawa Barat akan mengajukan anggaran uji kompetensi melalui "
        "Disnakertrans dan membangun basis data LSP provinsi."),
    BimbinganSpec("BJ3", K.LSP, "jabar", -120, ("J3",), ("fasilitator", "fas.yusuf"),
        (M("j3-mou"), M("j3-sistem")),
        tautan="https://zoom.us/j/86104020120", mulai=time(13, 0), selesai=time(16, 0),
        kesimpulan="LSP akan menyusun draf MoU dengan KADIN bidang telematika dan menguji coba "
        "pelaporan sertifikat elektronik."),
    BimbinganSpec("BT4", K.LSP, "jatim", -110, ("T4",), ("fas.maya",), (M("t4-lisensi", None),),
        status=Bimbingan.Status.DIBATALKAN,
        tempat="Kantor LSP Ketenagalistrikan Nusantara, Kota Surabaya",
        kesimpulan="Dibatalkan atas permintaan LSP karena bertepatan dengan asesmen surveilan "
        "KAN; akan dijadwalkan ulang."),
    BimbinganSpec("BB2", K.BKSP, "bksp", -100, ("B3",), ("fas.sari",), (M("b3-pembinaan"),),
        kelompok="KB1", tempat="Kantor BKSP Provinsi Jawa Timur, Kota Surabaya",
        kesimpulan="BKSP Jawa Timur menyusun program pembinaan LSP tahunan dan menetapkan tim "
        "pembina LSP."),
    BimbinganSpec("BT2", K.LSP, "jatim", -80, ("T7",), ("fas.dimas",),
        (M("t7-asesor"), M("t7-program")),
        tempat="Ruang Praktik Tata Boga SMK Negeri 1 Denpasar, Kota Denpasar",
        kesimpulan="Kekurangan asesor ditangani dengan asesor tamu untuk semester ini dan "
        "pelatihan asesor bagi lima guru tata boga."),
    BimbinganSpec("BP2", K.LSP, "wisata", -30, ("P4",), ("fas.ketut",), (M("p4-barista", 0),),
        kelompok="KP1", tempat="Kantor LSP Kuliner Nusantara, Kota Padang",
        kesimpulan="Empat asesor Barista baru siap ditugaskan; jadwal uji disusun per triwulan "
        "sesuai kapasitas asesor."),
    BimbinganSpec("BJ4", K.LSP, "jabar", -25, ("J1",), ("fasilitator", "fas.rina"),
        (M("j1-mutu"), M("j1-anggaran")),
        tempat="Ruang Rapat SMK Negeri 1 Bandung, Kota Bandung",
        kesimpulan="Revisi dokumen mutu dilanjutkan dengan batas waktu baru; sekolah mengusulkan "
        "anggaran uji kompetensi dalam RKAS tahun depan.",
        lanjutan=(("RJ1c", 30),)),
    BimbinganSpec("BJ5", K.LSP, "jabar", 6, ("J5",), ("fasilitator",),
        (M("j5-asesor", None), M("j5-komite", None)),
        status=Bimbingan.Status.DIJADWALKAN,
        tempat="Kantor LSP Otomotif Indonesia, Kabupaten Bekasi"),
    BimbinganSpec("BT3", K.LSP, "jatim", 13, ("T9",), ("fas.maya",), (M("t9-mutu", None),),
        status=Bimbingan.Status.DIJADWALKAN,
        tempat="Gedung Diklat PT PAL Indonesia, Kota Surabaya"),
    BimbinganSpec("BB3", K.BKSP, "bksp", 19, ("B4",), ("fas.sari",), (M("b4-sdm", None),),
        status=Bimbingan.Status.DIJADWALKAN,
        tempat="Kantor BKSP Provinsi Bali, Kota Denpasar", tautan="https://zoom.us/j/86104020019",
        mulai=time(10, 0), selesai=time(14, 0)),
]  # fmt: skip


@dataclass(frozen=True)
class RtlSpec:
    key: str
    sesi: str
    masalah: str
    pemilik: str  # target key
    peran: str  # who at the target answers for it
    tindakan: str
    jenis: str
    indikator: str
    target: str
    satuan: str
    batas: int  # due day, from today
    # The state facilitators recorded outside monitoring visits (those come later, below).
    status: str = RtlStatus.RENCANA
    progres: int = 0
    mulai: int | None = None
    selesai: int | None = None
    berikut: str = Rtl.LangkahBerikut.SASARAN


R = RtlSpec
S = RtlStatus
RTL = [
    # BJ1 (-200): its state after the session comes from monitoring MON1 (-100).
    R("RJ1a", "BJ1", "j1-asesor", "J1", "kepala",
      "Mengirim 6 guru produktif mengikuti pelatihan asesor kompetensi (RCC) yang "
      "diselenggarakan BNSP", RtlJenis.KOREKTIF,
      "Jumlah guru yang lulus pelatihan dan memperoleh sertifikat asesor kompetensi", "6", "orang",
      -110, S.BERJALAN, 50, mulai=-185),
    R("RJ1b", "BJ1", "j1-asesor", "J1", "sertifikasi",
      "Menugaskan asesor baru dalam jadwal uji kompetensi semester genap", RtlJenis.PREVENTIF,
      "Jadwal penugasan asesor ditetapkan dengan SK Ketua LSP", "1", "dokumen", -105),
    R("RJ1c", "BJ1", "j1-mutu", "J1", "mutu",
      "Merevisi panduan mutu dan 12 prosedur LSP sesuai Pedoman BNSP 201", RtlJenis.KOREKTIF,
      "Jumlah dokumen mutu yang direvisi dan disahkan", "13", "dokumen",
      -120, S.BERJALAN, 20, mulai=-180),
    R("RJ1d", "BJ1", "j2-tuk", "J2", "sertifikasi",
      "Melaksanakan verifikasi ulang TUK sewaktu skema Teknik Otomasi Industri",
      RtlJenis.KOREKTIF, "Jumlah TUK sewaktu yang terverifikasi ulang dengan berita acara", "2",
      "TUK", -150, S.BERJALAN, 50, mulai=-190),
    R("RJ1e", "BJ1", "j8-muk", "J8", "mutu",
      "Memvalidasi perangkat asesmen skema Teknik Kendaraan Ringan bersama asesor dari industri",
      RtlJenis.KOREKTIF, "Jumlah unit kompetensi yang perangkat asesmennya tervalidasi", "12",
      "unit kompetensi", -30),
    R("RJ1f", "BJ1", "j8-muk", "J8", "ketua",
      "Melatih 4 asesor dalam penyusunan dan validasi perangkat asesmen", RtlJenis.PENINGKATAN,
      "Jumlah asesor yang mengikuti pelatihan validasi perangkat asesmen", "4", "orang", 5,
      berikut=Rtl.LangkahBerikut.FASILITATOR),
    # BP1 (-190): monitored by MON2 (-60).
    R("RP1a", "BP1", "p1-mou", "P1", "ketua",
      "Menyusun dan menandatangani MoU pengakuan sertifikat kompetensi dengan PHRI BPD Bali",
      RtlJenis.PENINGKATAN, "MoU ditandatangani kedua pihak", "1", "MoU",
      -90, S.BERJALAN, 30, mulai=-170),
    R("RP1b", "BP1", "p1-asesor", "P1", "sertifikasi",
      "Merekrut 6 praktisi hotel sebagai calon asesor skema Front Office dan Housekeeping",
      RtlJenis.KOREKTIF, "Jumlah calon asesor yang lulus pelatihan asesor", "6", "orang",
      -70, S.BERJALAN, 20, mulai=-160),
    R("RP1c", "BP1", "p2-tuk", "P2", "sertifikasi",
      "Memverifikasi ulang 5 TUK tempat kerja di hotel mitra", RtlJenis.KOREKTIF,
      "Jumlah TUK tempat kerja yang terverifikasi ulang", "5", "TUK",
      -80, S.BERJALAN, 40, mulai=-175),
    R("RP1d", "BP1", "p3-skema", "P3", "ketua",
      "Mengajukan verifikasi skema Pemandu Ekowisata dan Pemandu Wisata Selam ke BNSP",
      RtlJenis.PENINGKATAN, "Jumlah skema baru yang diajukan dengan dokumen lengkap", "2",
      "skema", 25),
    R("RP1e", "BP1", "p4-barista", "P4", "ketua",
      "Mengusulkan 4 praktisi barista bersertifikat mengikuti pelatihan asesor kompetensi",
      RtlJenis.SEGERA, "Jumlah asesor skema Barista yang bersertifikat", "4", "orang",
      -100, S.BERJALAN, 25, mulai=-180),
    R("RP1f", "BP1", "p4-barista", "P4", "sertifikasi",
      "Menetapkan kuota uji skema Barista sesuai kapasitas asesor sampai asesor baru tersedia",
      RtlJenis.SEGERA, "Keputusan Ketua LSP tentang kuota uji ditetapkan", "1", "keputusan",
      -150, S.BERJALAN, 50, mulai=-185),
    # BJ2 (-170)
    R("RJ2a", "BJ2", "j9-kaji", "J9", "mutu",
      "Melaksanakan audit internal seluruh proses sertifikasi", RtlJenis.KOREKTIF,
      "Laporan audit internal beserta tindak lanjut ketidaksesuaian", "1", "laporan",
      -90, S.SELESAI, 50, mulai=-160, selesai=-95),
    R("RJ2b", "BJ2", "j9-kaji", "J9", "ketua",
      "Menyelenggarakan rapat kaji ulang manajemen bersama dewan pengarah", RtlJenis.KOREKTIF,
      "Notulen kaji ulang manajemen yang ditandatangani", "1", "notulen",
      -60, S.BERJALAN, 60, mulai=-85),
    R("RJ2c", "BJ2", "j9-kaji", "J9", "mutu",
      "Melatih dua staf menjadi auditor internal LSP", RtlJenis.PENINGKATAN,
      "Jumlah staf yang lulus pelatihan auditor internal", "2", "orang",
      -100, S.SELESAI, 50, mulai=-150, selesai=-110),
    R("RJ2d", "BJ2", "j9-tuk", "J9", "sertifikasi",
      "Memverifikasi dua TUK tempat kerja baru di kawasan industri Cikarang", RtlJenis.KOREKTIF,
      "Jumlah TUK tempat kerja baru yang terverifikasi", "2", "TUK",
      4, S.BERJALAN, 50, mulai=-60),
    # BT1 (-150)
    R("RT1a", "BT1", "t1-asesor", "T1", "kepala",
      "Mengusulkan 8 dosen mengikuti pelatihan asesor kompetensi", RtlJenis.KOREKTIF,
      "Jumlah dosen yang memperoleh sertifikat asesor", "8", "orang",
      -60, S.SELESAI, 60, mulai=-140, selesai=-70),
    R("RT1b", "BT1", "t1-asesor", "T1", "sertifikasi",
      "Memperpanjang sertifikat 4 asesor yang habis masa berlakunya melalui RCC",
      RtlJenis.SEGERA, "Jumlah asesor dengan sertifikat yang diperpanjang", "4", "orang",
      -100, S.BERJALAN, 75, mulai=-145),
    R("RT1c", "BT1", "t2-tuk", "T2", "sertifikasi",
      "Melaksanakan verifikasi ulang TUK sewaktu di laboratorium mitra setelah relokasi "
      "peralatan", RtlJenis.KOREKTIF, "Berita acara verifikasi TUK ditandatangani", "1", "TUK",
      -90, S.SELESAI, 50, mulai=-130, selesai=-95),
    R("RT1d", "BT1", "t3-muk", "T3", "mutu",
      "Menyusun ulang perangkat asesmen skema Teknik Pemesinan dengan format portofolio",
      RtlJenis.KOREKTIF, "Jumlah unit kompetensi dengan perangkat asesmen format baru", "10",
      "unit kompetensi", -20, S.BERJALAN, 60, mulai=-120),
    R("RT1e", "BT1", "t3-industri", "T3", "ketua",
      "Mengundang asosiasi industri logam dan permesinan dalam rapat komite skema",
      RtlJenis.PENINGKATAN,
      "Jumlah asosiasi industri yang hadir dan menandatangani berita acara komite skema", "2",
      "asosiasi", 7, berikut=Rtl.LangkahBerikut.FASILITATOR),
    R("RT1f", "BT1", "t3-muk", "T3", "ketua",
      "Mengajukan validasi perangkat asesmen kepada validator eksternal dari industri",
      RtlJenis.PREVENTIF, "Berita acara validasi eksternal", "1", "dokumen", 35),
    # BB1 (-140): monitored by MON3 (-35).
    R("RB1a", "BB1", "b1-anggaran", "B1", "ketua",
      "Menyusun usulan anggaran uji kompetensi tenaga kerja dalam rencana kerja Disnakertrans "
      "Provinsi Jawa Barat", RtlJenis.SEGERA, "Dokumen usulan anggaran diterima Disnakertrans",
      "1", "dokumen", -100, S.BERJALAN, 40, mulai=-130),
    R("RB1b", "BB1", "b1-anggaran", "B1", "kepala",
      "Melaksanakan audiensi dengan Bappeda Provinsi Jawa Barat tentang dukungan APBD untuk uji "
      "kompetensi", RtlJenis.PENINGKATAN, "Audiensi terlaksana dengan notulen tindak lanjut",
      "1", "kali", -60, berikut=Rtl.LangkahBerikut.FASILITATOR),
    R("RB1c", "BB1", "b1-anggaran", "B1", "kepala",
      "Mengawal alokasi APBD perubahan untuk uji kompetensi 500 tenaga kerja",
      RtlJenis.PENINGKATAN,
      "Jumlah tenaga kerja yang biaya uji kompetensinya dialokasikan dalam APBD", "500",
      "orang", 50),
    R("RB1d", "BB1", "b1-data", "B1", "sertifikasi",
      "Membangun basis data LSP, TUK dan asesor di Jawa Barat", RtlJenis.KOREKTIF,
      "Persentase LSP di Jawa Barat yang datanya lengkap dalam basis data BKSP", "100", "%",
      -20, S.BERJALAN, 30, mulai=-120),
    R("RB1e", "BB1", "b1-data", "B1", "admin",
      "Menerbitkan direktori LSP Jawa Barat untuk pemangku kepentingan", RtlJenis.PREVENTIF,
      "Direktori LSP diterbitkan dan dibagikan", "1", "direktori", 30),
    # BJ3 (-120)
    R("RJ3a", "BJ3", "j3-mou", "J3", "ketua",
      "Menyusun draf MoU pengakuan sertifikat dengan KADIN bidang telematika",
      RtlJenis.PENINGKATAN, "Draf MoU disepakati kedua pihak", "1", "dokumen",
      -30, S.SELESAI, 50, mulai=-110, selesai=-40),
    R("RJ3b", "BJ3", "j3-mou", "J3", "ketua",
      "Menandatangani MoU dengan sedikitnya tiga perusahaan pengguna sertifikat di Bandung",
      RtlJenis.PENINGKATAN, "Jumlah perusahaan pengguna yang menandatangani MoU", "3",
      "perusahaan", 40, S.BERJALAN, 33, mulai=-35),
    R("RJ3c", "BJ3", "j3-sistem", "J3", "admin",
      "Memetakan data sertifikat yang wajib dilaporkan ke sistem informasi BNSP",
      RtlJenis.PREVENTIF, "Dokumen pemetaan data sertifikat", "1", "dokumen",
      -70, S.SELESAI, 50, mulai=-115, selesai=-75),
    R("RJ3d", "BJ3", "j3-sistem", "J3", "sertifikasi",
      "Uji coba pelaporan sertifikat secara elektronik ke sistem informasi BNSP",
      RtlJenis.PENINGKATAN,
      "Persentase sertifikat tahun berjalan yang terlaporkan secara elektronik", "100", "%",
      2, S.BERJALAN, 70, mulai=-70),
    # BB2 (-100): monitored by MON3 (-35).
    R("RB2a", "BB2", "b3-pembinaan", "B3", "ketua",
      "Menyusun program pembinaan LSP tahunan BKSP Jawa Timur", RtlJenis.KOREKTIF,
      "Program pembinaan LSP disahkan Ketua BKSP", "1", "dokumen",
      -70, S.BERJALAN, 50, mulai=-95),
    R("RB2b", "BB2", "b3-pembinaan", "B3", "sertifikasi",
      "Menyelenggarakan forum koordinasi LSP se-Jawa Timur setiap triwulan", RtlJenis.PREVENTIF,
      "Jumlah forum koordinasi yang terlaksana", "4", "kali", 90, S.BERJALAN, 10, mulai=-60),
    R("RB2c", "BB2", "b3-pembinaan", "B3", "kepala",
      "Menetapkan tim pembina LSP dengan SK Kepala Dinas Tenaga Kerja Provinsi Jawa Timur",
      RtlJenis.SEGERA, "SK tim pembina LSP ditetapkan", "1", "SK", -50),
    R("RB2d", "BB2", "b3-pembinaan", "B3", "mutu",
      "Mendampingi 10 LSP P1 SMK di Jawa Timur dalam persiapan surveilan BNSP",
      RtlJenis.PENINGKATAN, "Jumlah LSP P1 yang didampingi", "10", "LSP", 75),
    # BT2 (-80)
    R("RT2a", "BT2", "t7-asesor", "T7", "kepala",
      "Mengusulkan 5 guru produktif tata boga mengikuti pelatihan asesor skema Barista dan Tata "
      "Boga", RtlJenis.KOREKTIF, "Jumlah guru yang memperoleh sertifikat asesor", "5", "orang",
      -10, S.BERJALAN, 40, mulai=-70),
    R("RT2b", "BT2", "t7-asesor", "T7", "ketua",
      "Bekerja sama dengan LSP Pariwisata Nusantara untuk penugasan asesor tamu pada uji "
      "semester genap", RtlJenis.SEGERA, "Jumlah asesor tamu yang ditugaskan", "3", "orang",
      -50, S.SELESAI, 50, mulai=-75, selesai=-55),
    R("RT2c", "BT2", "t7-program", "T7", "sertifikasi",
      "Menambahkan jadwal uji kompetensi bagi alumni dan masyarakat dalam program kerja LSP",
      RtlJenis.PENINGKATAN,
      "Jumlah jadwal uji kompetensi untuk alumni dan masyarakat dalam program kerja", "2",
      "jadwal", 3),
    R("RT2d", "BT2", "t7-program", "T7", "admin",
      "Menyosialisasikan uji kompetensi kepada alumni melalui bursa kerja khusus sekolah",
      RtlJenis.PREVENTIF, "Jumlah alumni yang mendaftar uji kompetensi", "100", "orang", 60),
    # BP2 (-30)
    R("RP2a", "BP2", "p4-barista", "P4", "sertifikasi",
      "Menugaskan 4 asesor baru skema Barista dalam uji kompetensi bulan depan",
      RtlJenis.SEGERA, "Jumlah asesor baru yang ditugaskan dalam uji kompetensi", "4", "orang",
      5, S.BERJALAN, 50, mulai=-20),
    R("RP2b", "BP2", "p4-barista", "P4", "mutu",
      "Menyusun jadwal uji skema Barista per triwulan berdasarkan kapasitas asesor",
      RtlJenis.PREVENTIF, "Jadwal uji triwulanan ditetapkan", "4", "jadwal", 14),
    R("RP2c", "BP2", "p4-barista", "P4", "ketua",
      "Menjajaki kerja sama penyediaan asesor dengan Indonesian Chef Association Sumatera Barat",
      RtlJenis.PENINGKATAN, "Nota kesepahaman kerja sama asesor", "1", "dokumen", 60,
      berikut=Rtl.LangkahBerikut.FASILITATOR),
    # BJ4 (-25), with RJ1c carried over
    R("RJ4a", "BJ4", "j1-anggaran", "J1", "kepala",
      "Mengusulkan alokasi anggaran uji kompetensi 320 siswa kelas XII dalam RKAS tahun depan",
      RtlJenis.SEGERA, "Usulan anggaran uji kompetensi tercantum dalam RKAS", "1", "dokumen", 6),
    R("RJ4b", "BJ4", "j1-anggaran", "J1", "ketua",
      "Mengajukan bantuan biaya uji kompetensi ke Dinas Pendidikan Provinsi Jawa Barat",
      RtlJenis.PENINGKATAN, "Surat usulan bantuan biaya diterima Dinas Pendidikan", "1", "surat",
      20, S.BERJALAN, 30, mulai=-15),
    R("RJ4c", "BJ4", "j1-mutu", "J1", "admin",
      "Melatih staf sekretariat LSP menerapkan prosedur pengendalian dokumen yang baru",
      RtlJenis.PREVENTIF, "Jumlah staf yang menerapkan prosedur pengendalian dokumen", "3",
      "orang", 45),
]  # fmt: skip

# --- monitoring (§6.1, §7) -----------------------------------------------------------------

# aspek → fokus → (code, indikator, type, benchmark, weight)
INSTRUMEN_NAMA = "Daftar Isian Monitoring Kemandirian LSP"
INSTRUMEN_URAIAN = (
    "Perangkat monitoring (§6.1e) untuk visitasi, FGD dan monitoring daring atas pelaksanaan RTL "
    "bimbingan teknis LSP dan BKSP."
)
INSTRUMEN = [
    ("Kelembagaan dan manajemen LSP", [
        ("Sistem manajemen mutu", [
            ("I1", "Dokumen mutu telah mengacu Pedoman BNSP 201", Tipe.YA_TIDAK, "1", 2),
            ("I2", "Persentase prosedur mutu yang diterapkan", Tipe.PERSEN, "90", 1),
        ]),
        ("Sumber daya LSP", [
            ("I3", "Jumlah asesor kompetensi aktif", Tipe.ANGKA, "10", 2),
            ("I4", "Kecukupan dukungan anggaran operasional", Tipe.SKALA, "4", 1),
        ]),
    ]),
    ("Pelaksanaan asesmen dan sertifikasi", [
        ("Tempat uji kompetensi", [
            ("I5", "Persentase TUK yang terverifikasi", Tipe.PERSEN, "100", 2),
            ("I6", "Kesiapan sarana dan prasarana TUK", Tipe.SKALA, "4", 1),
        ]),
        ("Dukungan pemangku kepentingan", [
            ("I7", "Jumlah kerja sama (MoU) dengan industri atau asosiasi yang berlaku",
             Tipe.ANGKA, "3", 1),
            ("I8", "Catatan dukungan pemangku kepentingan", Tipe.TEKS, None, 1),
        ]),
    ]),
]  # fmt: skip


@dataclass(frozen=True)
class RencanaSpec:
    key: str
    tim: str
    oleh: str
    sesi: tuple[str, ...]
    metode: str
    hari: int
    dikomunikasikan: int
    tujuan: str
    ruang_lingkup: str
    benchmark: str


RENCANA = [
    RencanaSpec("MON1", "jabar", "fasilitator", ("BJ1",), Metode.VISITASI, -100, -114,
        "Memantau pelaksanaan RTL bimbingan kelompok LSP P1 SMK, terutama sertifikasi asesor "
        "baru dan verifikasi ulang TUK.",
        "Enam butir RTL bimbingan kelompok LSP P1 SMK di Bandung, Cimahi dan Bekasi.",
        "Seluruh RTL berstatus berjalan atau selesai; asesor aktif sedikitnya 10 orang per LSP."),
    RencanaSpec("MON2", "wisata", "fas.ketut", ("BP1",), Metode.FGD, -60, -75,
        "Menilai kemajuan RTL kelompok LSP pariwisata bersama PHRI dan HPI.",
        "RTL bimbingan kelompok LSP pariwisata: MoU PHRI, asesor baru, verifikasi TUK, skema "
        "baru.",
        "MoU dengan PHRI ditandatangani; seluruh TUK tempat kerja terverifikasi ulang."),
    RencanaSpec("MON3", "bksp", "fas.sari", ("BB1", "BB2"), Metode.ONLINE, -35, -45,
        "Memantau RTL bimbingan BKSP Jawa Barat dan BKSP Jawa Timur sebagai pembina LSP.",
        "Anggaran uji kompetensi daerah, basis data LSP dan program pembinaan LSP.",
        "Usulan anggaran diterima; basis data memuat seluruh LSP provinsi."),
    RencanaSpec("MON6", "jatim", "fas.dimas", ("BT2",), Metode.ONLINE, -8, -20,
        "Memantau RTL bimbingan LSP P1 SMK Negeri 1 Denpasar tentang asesor dan program kerja.",
        "Empat butir RTL bimbingan unit LSP P1 SMK Negeri 1 Denpasar.",
        "Lima guru tata boga bersertifikat asesor sebelum semester genap."),
    RencanaSpec("MON4", "jabar", "fas.yusuf", ("BJ2", "BJ3"), Metode.VISITASI, 5, -7,
        "Memantau RTL bimbingan LSP Logam dan Mesin Indonesia dan LSP Informatika Indonesia.",
        "RTL audit internal, kaji ulang manajemen, verifikasi TUK baru dan pelaporan elektronik.",
        "Kaji ulang manajemen terlaksana; dua TUK baru terverifikasi."),
    RencanaSpec("MON5", "jatim", "fas.maya", ("BT1",), Metode.VISITASI, 12, -3,
        "Memantau RTL bimbingan kelompok LSP P1 Jawa Timur.",
        "Enam butir RTL bimbingan kelompok LSP P1 di Malang dan Surabaya.",
        "Asesor aktif sedikitnya 10 orang per LSP; perangkat asesmen format baru tervalidasi."),
]  # fmt: skip


@dataclass(frozen=True)
class ProgresSpec:
    rtl: str
    status: str
    progres: int
    realisasi: str
    keterangan: str = ""


@dataclass(frozen=True)
class CatatanSpec:
    rencana: str
    oleh: str
    jawaban: dict  # indicator code → raw answer
    progres: tuple[ProgresSpec, ...]
    konfirmasi: tuple[tuple[str, bool, str], ...]  # (problem, solved, note)
    temuan: str
    pendorong: str
    penghambat: str


P = ProgresSpec
CATATAN = [
    CatatanSpec("MON1", "fasilitator",
        {"I1": "tidak", "I2": "60", "I3": "9", "I4": "3", "I5": "80", "I6": "4", "I7": "1",
         "I8": "Industri mitra di Cimahi bersedia menjadi TUK tempat kerja; MoU belum resmi."},
        (P("RJ1a", S.SELESAI, 100, "6", "Enam guru lulus RCC dan menerima sertifikat asesor."),
         P("RJ1b", S.SELESAI, 100, "1", "SK penugasan asesor ditandatangani Ketua LSP."),
         P("RJ1c", S.BERJALAN, 40, "5", "Baru 5 dari 13 dokumen mutu yang direvisi."),
         P("RJ1d", S.SELESAI, 100, "2", "Berita acara verifikasi dua TUK sewaktu tersedia."),
         P("RJ1e", S.BERJALAN, 50, "6", "Validasi 6 dari 12 unit kompetensi."),
         P("RJ1f", S.RENCANA, 0, "0", "Menunggu jadwal pelatihan dari BKSP.")),
        (("j1-asesor", True, "Asesor baru sudah menguji pada periode semester genap."),
         ("j2-tuk", False, "Satu TUK masih kekurangan peralatan PLC.")),
        "Enam guru SMK Negeri 1 Bandung telah lulus pelatihan asesor dan sudah ditugaskan. "
        "Verifikasi ulang dua TUK sewaktu LSP P1 SMK Negeri 1 Cimahi selesai, namun satu TUK "
        "masih kekurangan peralatan. Revisi dokumen mutu baru mencapai 5 dari 13 dokumen.",
        "Komitmen kepala sekolah dan dukungan BKSP Jawa Barat dalam penjadwalan pelatihan asesor.",
        "Beban mengajar guru produktif tinggi sehingga penyusunan dokumen mutu berjalan lambat."),
    CatatanSpec("MON2", "fas.ketut",
        {"I1": "ya", "I2": "85", "I3": "14", "I4": "4", "I5": "100", "I6": "4", "I7": "2",
         "I8": "PHRI BPD Bali menandatangani MoU dan menyebarkan surat edaran ke anggotanya."},
        (P("RP1a", S.SELESAI, 100, "1", "MoU ditandatangani dalam rapat kerja PHRI BPD Bali."),
         P("RP1b", S.BERJALAN, 50, "3", "Tiga calon asesor lulus; tiga lagi menunggu RCC."),
         P("RP1c", S.SELESAI, 100, "5", "Lima TUK hotel mitra terverifikasi ulang."),
         P("RP1d", S.BERJALAN, 60, "1", "Skema Pemandu Ekowisata sudah diajukan."),
         P("RP1e", S.SELESAI, 100, "4", "Empat asesor Barista bersertifikat."),
         P("RP1f", S.SELESAI, 100, "1", "Keputusan kuota uji berlaku sejak bulan lalu.")),
        (("p2-tuk", True, "Seluruh TUK tempat kerja terverifikasi dan dipakai menguji."),
         ("p1-mou", False, "MoU ada, tetapi belum diterapkan dalam rekrutmen anggota PHRI."),
         ("p4-barista", False, "Asesor baru belum cukup untuk permohonan semester ini.")),
        "MoU dengan PHRI BPD Bali ditandatangani dan seluruh TUK tempat kerja di hotel mitra "
        "terverifikasi ulang. Penambahan asesor Front Office dan Housekeeping baru separuh "
        "target; permohonan uji Barista masih melebihi kapasitas.",
        "Dukungan PHRI dan HPI; hotel mitra menyediakan praktisi sebagai calon asesor.",
        "Jadwal pelatihan asesor (RCC) terbatas dan bertepatan dengan musim ramai wisatawan."),
    CatatanSpec("MON3", "fas.sari",
        {"I1": "ya", "I2": "70", "I3": "25", "I4": "2", "I5": "75", "I6": "3", "I7": "3",
         "I8": "Disnakertrans Jawa Barat mendukung, namun APBD perubahan terbatas."},
        (P("RB1a", S.SELESAI, 100, "1", "Usulan anggaran diterima Disnakertrans."),
         P("RB1b", S.SELESAI, 100, "1", "Audiensi dengan Bappeda terlaksana."),
         P("RB1c", S.BERJALAN, 30, "150", "Baru 150 tenaga kerja yang dialokasikan."),
         P("RB1d", S.BERJALAN, 80, "80", "Data 80% LSP sudah lengkap."),
         P("RB1e", S.RENCANA, 0, "0", "Menunggu basis data lengkap."),
         P("RB2a", S.SELESAI, 100, "1", "Program pembinaan disahkan."),
         P("RB2b", S.BERJALAN, 25, "1", "Forum triwulan pertama terlaksana."),
         P("RB2c", S.BERJALAN, 70, "0", "Draf SK di biro hukum."),
         P("RB2d", S.RENCANA, 0, "0", "Dimulai setelah SK tim pembina terbit.")),
        (("b1-anggaran", False, "Alokasi APBD perubahan baru 30% dari kebutuhan."),
         ("b3-pembinaan", False, "Program ada, tetapi tim pembina belum ditetapkan.")),
        "Usulan anggaran uji kompetensi BKSP Jawa Barat diterima dan audiensi dengan Bappeda "
        "terlaksana; alokasi APBD perubahan baru untuk 150 tenaga kerja. BKSP Jawa Timur telah "
        "mengesahkan program pembinaan LSP dan menggelar forum koordinasi pertama.",
        "Dukungan Kepala Disnakertrans kedua provinsi dan data LSP dari BNSP.",
        "Proses penganggaran daerah panjang; SK tim pembina LSP menunggu harmonisasi biro hukum."),
]  # fmt: skip


@dataclass(frozen=True)
class PenutupanSpec:
    masalah: str
    hari: int
    oleh: str
    ke: str
    alasan: str
    alasan_penutupan: str = ""
    catatan: str = ""  # the monitoring plan whose record confirmed the problem solved


PENUTUPAN = [
    PenutupanSpec("t5-ruang", -160, "fas.maya", Status.DITUTUP,
        "Perusahaan menunda pengoperasian kiln baru; kebutuhan skema operator pengendali kiln "
        "tidak mendesak lagi.",
        Permasalahan.AlasanPenutupan.TIDAK_RELEVAN),
    PenutupanSpec("j1-asesor", -98, "fasilitator", Status.SELESAI,
        "Semua RTL selesai; enam asesor baru sudah menguji pada semester genap.",
        catatan="MON1"),
]  # fmt: skip


# --- the seeding ----------------------------------------------------------------------------


def _orang(rng: random.Random) -> str:
    if rng.random() < 0.5:
        first, last = rng.choice(MALE_FIRST), rng.choice(MALE_LAST + MARGA)
    else:
        first, last = rng.choice(FEMALE_FIRST), rng.choice(FEMALE_LAST + MARGA)
    return f"{first} {last}{rng.choice(DEGREES)}"


def _telepon(rng: random.Random) -> str:
    prefix = rng.choice(["0811", "0812", "0813", "0821", "0852", "0857", "0877"])
    return f"{prefix}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def _jabatan(key: str, peran: str) -> str:
    jenis, nama = SASARAN[key]
    if jenis == J.BKSP:
        return JABATAN_BKSP[peran]
    if jenis != J.LSP:
        return JABATAN_LAIN[peran]
    if peran != "kepala":
        return JABATAN_LSP[peran]
    if "SMK" in nama:
        return JABATAN_KEPALA["SMK"]
    if nama.startswith("LSP P1"):
        return JABATAN_KEPALA["P1"]
    if nama.startswith("LSP P2"):
        return "Kepala Divisi Human Capital"
    return "Ketua Dewan Pengarah"


def buku_kontak(seed: int = SEED) -> dict[str, dict[str, tuple[str, str, str]]]:
    """The people met at each target: {target key: {role: (name, position, phone)}}.

    Pure and seeded: the same people on every run, so a target's chair is the same person in
    every session and RTL item.
    """
    rng = random.Random(seed)
    return {
        key: {peran: (_orang(rng), _jabatan(key, peran), _telepon(rng)) for peran in PERAN}
        for key in SASARAN
    }


def _langkah(steps, catatan: dict, tidak: frozenset = frozenset()) -> dict:
    return {
        kode: {"dilaksanakan": kode not in tidak, "catatan": catatan.get(kode, "")}
        for kode, _label in steps
    }


class _Seeder:
    def __init__(self, *, today: date, users: Mapping[str, object], password: str):
        self.today = today
        self.rng = random.Random(SEED)
        self.kontak = buku_kontak()
        self.users = dict(users)
        self.password = password
        self.counts: dict[str, int] = {}
        self.sasaran: dict[str, Sasaran] = {}
        self.tim: dict[str, Tim] = {}
        self.survei: dict = {}
        self.masalah: dict[str, Permasalahan] = {}
        self.alternatif: dict[str, list[AlternatifTindakan]] = {}
        self.fgd: dict[str, Fgd] = {}
        self.kelompok: dict[str, KelompokMasalah] = {}
        self.bimbingan: dict[str, Bimbingan] = {}
        self.rtl: dict[str, Rtl] = {}
        self.rencana: dict[str, RencanaMonitoring] = {}
        self.instrumen: Instrumen | None = None
        self.indikator: dict[str, Indikator] = {}
        self.catatan: dict = {}
        self.events: list[tuple[int, int, int, Callable[[], None]]] = []

    # --- helpers ---------------------------------------------------------------------------

    def day(self, hari: int) -> date:
        return self.today + timedelta(days=hari)

    def user(self, username: str):
        return self.users[username]

    @contextmanager
    def clock(self, hari: int, rank: int, seq: int):
        """Stamp what is written inside with the event's day (see the module docstring)."""
        when = timezone.make_aware(
            datetime.combine(self.day(hari), time(8 + rank)) + timedelta(seconds=seq)
        )
        with mock.patch.object(timezone, "now", return_value=when):
            yield

    def at(self, hari: int, rank: int, action: Callable[[], None]) -> None:
        """Schedule `action` on day `hari`; `rank` orders the events of one day."""
        # Nothing is written in the future: a visit planned for next week was filed earlier.
        self.events.append((min(hari, -1), rank, len(self.events), action))

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def person(self, key: str, peran: str) -> str:
        nama, jabatan, _telepon = self.kontak[key][peran]
        return f"{nama} ({jabatan})"

    # --- setup: people, targets, teams -----------------------------------------------------

    def create_fasilitators(self) -> None:
        User = get_user_model()
        group = Group.objects.get(name=Role.FASILITATOR)
        existing = {
            u.username: u
            for u in User.objects.filter(username__in=[f.username for f in FASILITATOR])
        }
        # One hash for all: hashing is deliberately slow, and they share the demo password.
        hashed = make_password(self.password)
        for spec in FASILITATOR:
            user = existing.get(spec.username)
            if user is None:
                user = User.objects.create(
                    username=spec.username,
                    password=hashed,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                    email=f"{spec.username.removeprefix('fas.')}.{spec.last_name.lower()}"
                    "@bnsp.go.id",
                )
                user.groups.add(group)
                Profil.objects.create(user=user, jabatan=spec.jabatan)
                self.count("pengguna")
            self.users[spec.username] = user

    def load_sasaran(self) -> None:
        bksp = {nama for jenis, nama in SASARAN.values() if jenis == J.BKSP}
        by_province = {
            s.provinsi.nama: s
            for s in Sasaran.objects.filter(jenis=J.BKSP, provinsi__nama__in=bksp).select_related(
                "provinsi"
            )
        }
        others = {
            (s.jenis, s.nama): s
            for s in Sasaran.objects.filter(
                nama__in=[nama for jenis, nama in SASARAN.values() if jenis != J.BKSP]
            )
        }
        missing = []
        for key, (jenis, nama) in SASARAN.items():
            found = by_province.get(nama) if jenis == J.BKSP else others.get((jenis, nama))
            if found is None:
                missing.append(nama)
            self.sasaran[key] = found
        if missing:
            raise LookupError(
                "Sasaran demo belum ada di registri (jalankan bagian registri seed_demo "
                f"terlebih dahulu): {', '.join(missing)}"
            )

    def create_tim(self) -> None:
        komisi = self.user("komisi")
        # The teams were formed a fortnight before their first survey, not on the day of seeding.
        dibentuk = min(spec.hari for spec in SURVEI) - 14
        for seq, spec in enumerate(TIM):
            sasaran = Sasaran.objects.none()
            if spec.provinsi:
                sasaran = Sasaran.objects.filter(jenis=J.LSP, provinsi__nama__in=spec.provinsi)
            if spec.sektor:
                sasaran = Sasaran.objects.filter(jenis=J.LSP, lsp__sektor=spec.sektor)
            targets = set(sasaran) | {self.sasaran[key] for key in spec.tambahan}
            tim = Tim(nama=spec.nama, jenis=spec.jenis, koordinator=komisi)
            tim.keterangan = spec.keterangan
            with self.clock(dibentuk, 0, seq):
                self.tim[spec.key] = tim_save(
                    tim=tim,
                    anggota=[self.user(u) for u in spec.anggota],
                    sasaran=sorted(targets, key=lambda s: s.pk),
                    user=komisi,
                )
            self.count("tim")

    # --- the case, event by event ----------------------------------------------------------

    def schedule(self) -> None:
        for spec in SURVEI:
            self.at(spec.hari, 0, lambda spec=spec: self.create_survei(spec))
        self.at(-210, 1, self.create_instrumen)
        for spec in FGD:
            self.at(spec.hari, 2, lambda spec=spec: self.create_fgd(spec))
        for spec in KELOMPOK:
            self.at(spec.hari, 3, lambda spec=spec: self.create_kelompok(spec))
            if spec.strategi:
                self.at(spec.hari + 10, 3, lambda spec=spec: self.approve_kelompok(spec))
        # A session is written up the day it took place; a cancellation two days before its
        # date; a plan two weeks ahead.
        filed = {
            Bimbingan.Status.TERLAKSANA: 0,
            Bimbingan.Status.DIBATALKAN: -2,
            Bimbingan.Status.DIJADWALKAN: -14,
        }
        for spec in BIMBINGAN:
            self.at(
                spec.hari + filed[spec.status], 4, lambda spec=spec: self.create_bimbingan(spec)
            )
            if spec.lanjutan:
                self.at(spec.hari, 8, lambda spec=spec: self.carry_over(spec))
        for spec in RTL:
            if spec.status in (S.BERJALAN, S.SELESAI):
                self.at(spec.mulai, 5, lambda spec=spec: self.start_rtl(spec))
            if spec.status == S.SELESAI:
                self.at(spec.selesai, 5, lambda spec=spec: self.finish_rtl(spec))
        for spec in RENCANA:
            self.at(spec.dikomunikasikan - 3, 6, lambda spec=spec: self.create_rencana(spec))
        hari_rencana = {spec.key: spec.hari for spec in RENCANA}
        for spec in CATATAN:
            self.at(hari_rencana[spec.rencana], 7, lambda spec=spec: self.record(spec))
        for spec in PENUTUPAN:
            self.at(spec.hari, 9, lambda spec=spec: self.close(spec))

    def run_events(self) -> None:
        for hari, rank, seq, action in sorted(self.events, key=lambda e: e[:3]):
            with self.clock(hari, rank, seq):
                action()

    def create_survei(self, spec: SurveiSpec) -> None:
        user = self.user(spec.oleh)
        survei = survei_create(
            user=user,
            tim=self.tim[spec.tim],
            tanggal=self.day(spec.hari),
            sasaran=[self.sasaran[k] for k in spec.sasaran],
            ringkasan=spec.ringkasan,
        )
        self.survei[spec.key] = survei
        self.count("survei")
        for m in MASALAH:
            if m.survei != spec.key:
                continue
            self.masalah[m.key] = permasalahan_create(
                user=user,
                survei=survei,
                sasaran=self.sasaran[m.sasaran],
                kategori=m.kategori,
                ruang_lingkup=m.lingkup,
                uraian=m.uraian,
                tingkat=m.tingkat,
            )
            self.count("permasalahan")

    def propose_alternatives(self, key: str, *, user, fgd: Fgd | None) -> None:
        """Write a problem's alternatives at the first FGD or session that takes it up."""
        if key in self.alternatif:
            return
        spec = next(m for m in MASALAH if m.key == key)
        rows = []
        for uraian in spec.alternatif:
            alt = AlternatifTindakan(
                permasalahan=self.masalah[key], fgd=fgd, uraian=uraian, dibuat_oleh=user
            )
            alt._history_user = user
            alt.save()
            rows.append(alt)
        self.alternatif[key] = rows
        self.count("alternatif", len(rows))

    def create_fgd(self, spec: FgdSpec) -> None:
        user, tim = self.user(spec.oleh), self.tim[spec.tim]
        fgd = Fgd(
            tim=tim,
            tanggal=self.day(spec.hari),
            waktu_mulai=spec.jam,
            tempat=spec.tempat,
            tautan_daring=spec.tautan,
            kesimpulan=spec.kesimpulan,
            langkah=_langkah(LANGKAH_FGD, spec.catatan),
            dibuat_oleh=user,
        )
        fgd.full_clean(exclude=["nomor"])
        beri_nomor(fgd, tahun=fgd.tanggal.year)
        fgd._history_user = user
        fgd.save()
        problems = [self.masalah[k] for k in spec.masalah]
        fgd.permasalahan.set(problems)
        peserta = [
            PesertaFgd(
                user=anggota,
                nama=anggota.get_full_name(),
                peran=PesertaFgd.Peran.FASILITATOR,
                instansi="BNSP",
            )
            for anggota in tim.anggota.order_by("pk")
        ]
        for key in spec.pembina:
            nama, jabatan, _telp = self.kontak[key]["ketua"]
            peserta.append(
                PesertaFgd(
                    nama=nama,
                    peran=PesertaFgd.Peran.PEMBINA,
                    instansi=self.sasaran[key].nama,
                    hadir=self.rng.random() > 0.1,
                )
            )
        for nama, instansi in spec.narasumber:
            peserta.append(
                PesertaFgd(nama=nama, peran=PesertaFgd.Peran.NARASUMBER, instansi=instansi)
            )
        peserta.append(
            PesertaFgd(
                nama=_orang(self.rng),
                peran=PesertaFgd.Peran.NOTULIS,
                instansi="Sekretariat Komisi Harmonisasi dan Kelembagaan BNSP",
            )
        )
        for row in peserta:
            row.fgd = fgd
            row._history_user = user
            row.save()
        for key in spec.masalah:
            self.propose_alternatives(key, user=user, fgd=fgd)
        permasalahan_majukan(
            problems=problems, ke=Permasalahan.Status.DIBAHAS, sumber=fgd.nomor, user=user
        )
        self.fgd[spec.key] = fgd
        self.count("fgd")

    def create_kelompok(self, spec: KelompokSpec) -> None:
        user = self.user(spec.oleh)
        kelompok = KelompokMasalah(
            tim=self.tim[spec.tim],
            nama=spec.nama,
            uraian=spec.uraian,
            tahun=self.day(spec.hari).year,
            fgd=self.fgd[spec.fgd],
            jenis_sasaran=spec.jenis_sasaran,
        )
        kelompok = kelompok_save(
            user=user,
            kelompok=kelompok,
            problems=[self.masalah[k] for k in spec.masalah],
            sasaran=[self.sasaran[k] for k in spec.sasaran],
        )
        kriteria = list(KriteriaPrioritas.objects.filter(aktif=True).order_by("urutan", "pk"))
        kelompok_nilai(
            user=user,
            kelompok=kelompok,
            skor=dict(zip(kriteria, spec.skor, strict=False)),
        )
        self.kelompok[spec.key] = kelompok
        self.count("kelompok_masalah")

    def approve_kelompok(self, spec: KelompokSpec) -> None:
        kelompok_putuskan(
            user=self.user("komisi"), kelompok=self.kelompok[spec.key], strategi=spec.strategi
        )

    def create_bimbingan(self, spec: BimbinganSpec) -> None:
        fasilitator = [self.user(u) for u in spec.fasilitator]
        user = fasilitator[0]
        terlaksana = spec.status == Bimbingan.Status.TERLAKSANA
        rtl_specs = [r for r in RTL if r.sesi == spec.key]
        bimbingan = Bimbingan(
            jenis=spec.jenis,
            tim=self.tim[spec.tim],
            kelompok_masalah=self.kelompok.get(spec.kelompok) if spec.kelompok else None,
            tanggal=self.day(spec.hari),
            waktu_mulai=spec.mulai,
            waktu_selesai=spec.selesai,
            tempat=spec.tempat,
            tautan_daring=spec.tautan,
            status=spec.status,
            kesimpulan=spec.kesimpulan,
            dibuat_oleh=user,
        )
        if terlaksana:
            bimbingan.langkah = self.langkah_bimbingan(spec, rtl_specs)
            bimbingan.notulen = self.notulen(spec, rtl_specs)
        bimbingan.full_clean(exclude=["nomor"])
        beri_nomor(bimbingan, tahun=bimbingan.tanggal.year)
        bimbingan._history_user = user
        bimbingan.save()
        bimbingan.sasaran.set([self.sasaran[k] for k in spec.sasaran])
        bimbingan.fasilitator.set(fasilitator)

        for item in spec.masalah:
            if terlaksana:
                self.propose_alternatives(item.masalah, user=user, fgd=None)
            disajikan = self.alternatif.get(item.masalah, []) if terlaksana else []
            row = BimbinganMasalah(
                bimbingan=bimbingan,
                permasalahan=self.masalah[item.masalah],
                alternatif_dipilih=(
                    disajikan[item.dipilih] if disajikan and item.dipilih is not None else None
                ),
                selesai_di_tempat=item.selesai_di_tempat,
                catatan=item.catatan,
            )
            row._history_user = user
            row.save()
            row.alternatif_disajikan.set(disajikan)
        if terlaksana:
            self.add_peserta(bimbingan, spec, user)
        if spec.status != Bimbingan.Status.DIBATALKAN:
            permasalahan_majukan(
                problems=[self.masalah[item.masalah] for item in spec.masalah],
                ke=Permasalahan.Status.DALAM_BIMBINGAN,
                sumber=bimbingan.nomor,
                user=user,
            )
        self.bimbingan[spec.key] = bimbingan
        self.count("bimbingan")
        for rtl_spec in rtl_specs:
            self.create_rtl(rtl_spec, bimbingan=bimbingan, user=user)

    def add_peserta(self, bimbingan: Bimbingan, spec: BimbinganSpec, user) -> None:
        if spec.jenis == JenisBimbingan.BKSP:
            roles = ("ketua", "sertifikasi", "kepala", "admin")
        elif spec.jenis == JenisBimbingan.KELOMPOK_LSP:
            roles = ("ketua", "sertifikasi")
        else:
            roles = ("ketua", "sertifikasi", "mutu", "kepala")
        for key in spec.sasaran:
            for index, peran in enumerate(roles):
                nama, jabatan, telepon = self.kontak[key][peran]
                row = PesertaBimbingan(
                    bimbingan=bimbingan,
                    sasaran=self.sasaran[key],
                    nama=nama,
                    jabatan=jabatan,
                    kontak=telepon,
                    # The chair always comes; now and then someone else sends apologies.
                    hadir=index == 0 or self.rng.random() > 0.12,
                )
                row._history_user = user
                row.save()
                self.count("peserta_bimbingan")

    def langkah_bimbingan(self, spec: BimbinganSpec, rtl_specs: list[RtlSpec]) -> dict:
        steps = LANGKAH_BIMBINGAN[spec.jenis]
        codes = [kode for kode, _label in steps]
        # The steps "solve on the spot", "schedule follow-up" and "conclude as RTL" are the
        # last three of every kind.
        langsung, jadwal, rtl_step = codes[-3], codes[-2], codes[-1]
        on_the_spot = [m for m in spec.masalah if m.selesai_di_tempat]
        n_rtl = len(rtl_specs) + len(spec.lanjutan)
        catatan = {
            codes[0]: "Permasalahan hasil survei dibacakan dan dikonfirmasi peserta.",
            langsung: (
                "Diselesaikan langsung: " + "; ".join(m.catatan for m in on_the_spot)
                if on_the_spot
                else "Tidak memungkinkan diselesaikan di tempat; dijadwalkan sebagai RTL."
            ),
            jadwal: "Jadwal monitoring dan bimbingan lanjutan disepakati bersama peserta.",
            rtl_step: f"{n_rtl} butir RTL disepakati dan ditandatangani peserta.",
            **spec.catatan,
        }
        return _langkah(steps, catatan, frozenset() if on_the_spot else frozenset({langsung}))

    def notulen(self, spec: BimbinganSpec, rtl_specs: list[RtlSpec]) -> str:
        fasilitator = ", ".join(self.user(u).get_full_name() for u in spec.fasilitator)
        where = spec.tempat or "daring melalui konferensi video"
        lines = [
            f"Bimbingan dibuka pukul {spec.mulai:%H.%M} WIB di {where} oleh {fasilitator}.",
            "",
            "Pembahasan:",
        ]
        for n, item in enumerate(spec.masalah, start=1):
            masalah = self.masalah[item.masalah]
            lines.append(f"{n}. {masalah.nomor} — {masalah.uraian}")
            alternatif = next(m.alternatif for m in MASALAH if m.key == item.masalah)
            if item.dipilih is not None and alternatif:
                lines.append(f"   Alternatif yang dipilih: {alternatif[item.dipilih]}")
            if item.catatan:
                lines.append(f"   Catatan: {item.catatan}")
        lines += ["", "Rencana tindak lanjut yang disepakati:"]
        for r in rtl_specs:
            lines.append(
                f"- {r.tindakan} (penanggung jawab: {self.person(r.pemilik, r.peran)}; "
                f"batas waktu {self.day(r.batas):%d-%m-%Y})."
            )
        for key, _batas in spec.lanjutan:
            lines.append(f"- Lanjutan RTL {self.rtl[key].nomor}: {self.rtl[key].tindakan}.")
        lines += ["", f"Bimbingan ditutup pukul {spec.selesai:%H.%M} WIB."]
        return "\n".join(lines)

    def create_rtl(self, spec: RtlSpec, *, bimbingan: Bimbingan, user) -> None:
        rtl = Rtl(
            permasalahan=self.masalah[spec.masalah],
            tindakan=spec.tindakan,
            jenis=spec.jenis,
            pemilik_sasaran=self.sasaran[spec.pemilik],
            pemilik_nama=self.person(spec.pemilik, spec.peran),
            batas_waktu=self.day(spec.batas),
            indikator=spec.indikator,
            target_nilai=Decimal(spec.target),
            satuan=spec.satuan,
            langkah_berikut=spec.berikut,
        )
        self.rtl[spec.key] = rtl_save(user=user, rtl=rtl, bimbingan=bimbingan)
        self.count("rtl")

    def start_rtl(self, spec: RtlSpec) -> None:
        rtl = self.rtl[spec.key]
        rtl.status = S.BERJALAN
        rtl.progres = spec.progres
        rtl_save(user=self.user_of_session(spec.sesi), rtl=rtl)

    def finish_rtl(self, spec: RtlSpec) -> None:
        rtl = self.rtl[spec.key]
        rtl.status = S.SELESAI
        rtl_save(user=self.user_of_session(spec.sesi), rtl=rtl)

    def user_of_session(self, key: str):
        return self.user(next(b.fasilitator[0] for b in BIMBINGAN if b.key == key))

    def carry_over(self, spec: BimbinganSpec) -> None:
        """Carry unfinished items into this session; the earlier item is then cancelled, so that
        only the new one counts (and can be late)."""
        user = self.user(spec.fasilitator[0])
        bimbingan = self.bimbingan[spec.key]
        for key, batas in spec.lanjutan:
            asal = self.rtl[key]
            baru = rtl_lanjutkan(
                user=user,
                asal=asal,
                bimbingan=bimbingan,
                batas_waktu=self.day(batas),
                status=S.BERJALAN,
            )
            self.rtl[f"{key}+"] = baru
            self.count("rtl")
            asal.status = S.DIBATALKAN
            asal.catatan = f"{asal.catatan}\nDitutup karena dilanjutkan sebagai {baru.nomor}."
            rtl_save(user=user, rtl=asal)

    def create_instrumen(self) -> None:
        komisi = self.user("komisi")
        nama = INSTRUMEN_NAMA
        if Instrumen.objects.filter(nama=nama).exists():  # a name already taken by the office
            nama = f"{nama} (demo)"
        self.instrumen = instrumen_save(
            user=komisi, instrumen=Instrumen(nama=nama, uraian=INSTRUMEN_URAIAN)
        )
        for aspek_nama, foci in INSTRUMEN:
            aspek = aspek_save(user=komisi, aspek=Aspek(instrumen=self.instrumen, nama=aspek_nama))
            for fokus_nama, rows in foci:
                fokus = fokus_save(user=komisi, fokus=Fokus(aspek=aspek, nama=fokus_nama))
                for kode, nama_indikator, tipe, benchmark, bobot in rows:
                    self.indikator[kode] = indikator_save(
                        user=komisi,
                        indikator=Indikator(
                            fokus=fokus,
                            nama=nama_indikator,
                            tipe=tipe,
                            benchmark=Decimal(benchmark) if benchmark else None,
                            bobot=bobot,
                        ),
                    )
        self.count("instrumen")

    def create_rencana(self, spec: RencanaSpec) -> None:
        sesi = [self.bimbingan[k] for k in spec.sesi]
        rtl = [r for r in self.rtl.values() if r.bimbingan_id in {b.pk for b in sesi}]
        rencana = RencanaMonitoring(
            tim=self.tim[spec.tim],
            tujuan=spec.tujuan,
            ruang_lingkup=spec.ruang_lingkup,
            metode=spec.metode,
            instrumen=self.instrumen,
            benchmark=spec.benchmark,
            tanggal_rencana=self.day(spec.hari),
            tanggal_dikomunikasikan=(
                self.day(spec.dikomunikasikan) if spec.dikomunikasikan is not None else None
            ),
        )
        self.rencana[spec.key] = rencana_save(
            user=self.user(spec.oleh), rencana=rencana, bimbingan=sesi, rtl=rtl
        )
        self.count("rencana_monitoring")

    def record(self, spec: CatatanSpec) -> None:
        rencana = self.rencana[spec.rencana]
        catatan = catatan_record(
            user=self.user(spec.oleh),
            rencana=rencana,
            tanggal=rencana.tanggal_rencana,
            jawaban={self.indikator[k].pk: v for k, v in spec.jawaban.items()},
            progres=[
                ProgresInput(
                    rtl_id=self.rtl[p.rtl].pk,
                    status=p.status,
                    progres=p.progres,
                    realisasi=p.realisasi,
                    keterangan=p.keterangan,
                )
                for p in spec.progres
            ],
            konfirmasi=[
                KonfirmasiInput(
                    permasalahan_id=self.masalah[key].pk, teratasi=teratasi, keterangan=note
                )
                for key, teratasi, note in spec.konfirmasi
            ],
            temuan=spec.temuan,
            faktor_pendorong=spec.pendorong,
            faktor_penghambat=spec.penghambat,
        )
        # The record changed the items in memory's stead; later events start from the database.
        for p in spec.progres:
            self.rtl[p.rtl].refresh_from_db()
        self.catatan[spec.rencana] = catatan
        self.count("catatan_monitoring")

    def close(self, spec: PenutupanSpec) -> None:
        problem = self.masalah[spec.masalah]
        problem.refresh_from_db()
        alasan = spec.alasan
        if spec.catatan:
            alasan += f" Dasar: catatan monitoring {self.catatan[spec.catatan].nomor}."
        permasalahan_ubah_status(
            problem=problem,
            ke=spec.ke,
            alasan=alasan,
            user=self.user(spec.oleh),
            alasan_penutupan=spec.alasan_penutupan,
        )

    def run(self) -> dict[str, int]:
        self.create_fasilitators()
        self.load_sasaran()
        self.create_tim()
        self.schedule()
        self.run_events()
        return self.counts


@transaction.atomic
def seed_advokasi(*, today: date, users: Mapping[str, object], password: str) -> dict[str, int]:
    """Load the advocacy demo (teams to monitoring records) and return what was created.

    `users` maps the demo usernames ("komisi", "fasilitator", …) to their accounts; the extra
    fasilitators are created with `password`. Runs once: when any team exists, the office is
    taken to be already in use and nothing is written (the result is then empty).
    """
    if Tim.objects.exists():
        return {}
    return _Seeder(today=today, users=users, password=password).run()
