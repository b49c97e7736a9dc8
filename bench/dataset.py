"""The large dataset the benchmarks run against, built in bulk on top of `seed_demo`.

Sizes (issue 7): 2,000 targets, 10,000 problems, 3,000 FGD and guidance sessions, 30,000 RTL
items, 10,000 monitoring records spread over three years, plus the teams, users, surveys, priority
groups, plans and instrument answers they hang on. Everything is written with `bulk_create` in
batches, so it takes well under a minute on SQLite.

Each bulk record gets its "created" history row (django-simple-history's bulk helper, by the user
the record names as its maker), as the product's own imports do: a record without history would
skip the history page's member-changes query, and the pages must be measured as users see them.

Shapes follow the models' constraints (an RTL is specific, measurable, time-bound and owned; a
closed problem has a reason; a session has a place or a link) so the pages render real records.
Human numbers continue the counters in `Penomoran`, so records created later through the forms
(the load run) get fresh numbers.
"""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from advokasi.models import (
    Bimbingan,
    BimbinganMasalah,
    Fgd,
    KelompokMasalah,
    KriteriaPrioritas,
    Penomoran,
    Permasalahan,
    PesertaBimbingan,
    PesertaFgd,
    Rtl,
    SkorPrioritas,
    Survei,
    Tim,
)
from advokasi.pedoman import JenisBimbingan, JenisTim, KategoriMasalah, RuangLingkup
from akun.models import Profil
from akun.roles import Role
from lsp.models import Lsp, Provinsi, Sasaran, Tuk
from monitoring.models import (
    CatatanMonitoring,
    Indikator,
    Instrumen,
    JawabanIndikator,
    KonfirmasiMasalah,
    ProgresRtl,
    RencanaMonitoring,
)

SEED = 7
BATCH = 2000
MARKER = "Tim Bench 01"  # the first bulk team: its presence means the dataset is built

SIZES = {
    "sasaran": 2000,
    "tim": 20,
    "fasilitator": 40,
    "bksp_user": 10,
    "survei": 2500,
    "permasalahan": 10000,
    "fgd": 1000,
    "bimbingan": 2000,
    "rtl": 30000,
    "kelompok": 400,
    "rencana": 4000,
    "catatan": 10000,
}
DAYS = 3 * 365

SEKTOR = [
    "Pariwisata",
    "Konstruksi",
    "Teknologi Informasi",
    "Energi dan Sumber Daya Mineral",
    "Keuangan",
    "Kesehatan",
    "Manufaktur",
    "Pertanian",
    "Logistik",
    "Kelautan dan Perikanan",
]
TINDAKAN = [
    "Menyusun ulang skema sertifikasi sesuai SKKNI terbaru",
    "Melatih ulang asesor kompetensi pada metode asesmen portofolio",
    "Melengkapi dokumen mutu dan rekaman tinjauan manajemen",
    "Memverifikasi ulang TUK sewaktu sebelum uji kompetensi berikutnya",
    "Menyelenggarakan audit internal dan menindaklanjuti temuannya",
    "Memperbarui MoU dengan asosiasi industri pengguna sertifikat",
]
URAIAN = [
    "Skema sertifikasi belum ditinjau sejak terbitnya SKKNI revisi.",
    "Jumlah asesor aktif tidak sebanding dengan permintaan uji kompetensi.",
    "Rekaman tinjauan manajemen tahun berjalan belum tersedia.",
    "TUK sewaktu belum diverifikasi ulang setelah pindah lokasi.",
    "Keluhan peserta uji belum ditangani sesuai prosedur banding.",
    "Dukungan dinas teknis provinsi terhadap LSP masih terbatas.",
]


def built() -> bool:
    return Tim.objects.filter(nama=MARKER).exists()


class _Numbers:
    """Continue `Penomoran` per kind and year, as the services would have numbered the records."""

    def __init__(self):
        self.last = {(p.kode, p.tahun): p.terakhir for p in Penomoran.objects.all()}

    def __call__(self, kode: str, tahun: int) -> str:
        n = self.last.get((kode, tahun), 0) + 1
        self.last[(kode, tahun)] = n
        return f"{kode}-{tahun}-{n:04d}"

    def save(self) -> None:
        for (kode, tahun), terakhir in self.last.items():
            Penomoran.objects.update_or_create(
                kode=kode, tahun=tahun, defaults={"terakhir": terakhir}
            )


def _bulk(model, rows):
    if not hasattr(model, "history"):
        return model.objects.bulk_create(rows, batch_size=BATCH)
    for row in rows:
        maker = getattr(row, "dibuat_oleh", None)
        if maker is not None:
            row._history_user = maker
    return bulk_create_with_history(rows, model, batch_size=BATCH)


def _bulk_m2m(field, pairs):
    """pairs: (owner_pk, target_pk); `field` is e.g. Survei.sasaran."""
    through = field.through
    src = field.field.m2m_field_name()
    dst = field.field.m2m_reverse_field_name()
    rows = [through(**{f"{src}_id": a, f"{dst}_id": b}) for a, b in dict.fromkeys(pairs)]
    through.objects.bulk_create(rows, batch_size=BATCH)


@transaction.atomic
def build(*, today: date | None = None) -> dict[str, int]:
    """Add the bulk records to a database that `seed_demo` has filled. Returns counts added."""
    if built():
        return {}
    rng = random.Random(SEED)
    today = today or timezone.localdate()
    start = today - timedelta(days=DAYS)
    tz = timezone.get_current_timezone()
    nomor = _Numbers()
    User = get_user_model()
    komisi = User.objects.get(username="komisi")
    demo_fas = User.objects.get(username="fasilitator")
    added: dict[str, int] = {}

    def day(lo: int = 0, hi: int = DAYS) -> date:
        return start + timedelta(days=rng.randint(lo, hi))

    def stamp(d: date) -> datetime:
        return datetime.combine(d, time(9, 0), tzinfo=tz)

    # --- users --------------------------------------------------------------------------------
    hashed = make_password("Bench-BNSP-2026!")
    fas_group = Group.objects.get(name=Role.FASILITATOR)
    bksp_group = Group.objects.get(name=Role.BKSP)
    provinces = list(Provinsi.objects.order_by("pk"))
    fas = _bulk(
        User,
        [
            User(
                username=f"bench.fas{i:02d}",
                password=hashed,
                first_name="Fasilitator",
                last_name=f"Bench {i:02d}",
                email=f"bench.fas{i:02d}@bnsp.go.id",
            )
            for i in range(1, SIZES["fasilitator"] + 1)
        ],
    )
    bksp_users = _bulk(
        User,
        [
            User(
                username=f"bench.bksp{i:02d}",
                password=hashed,
                first_name="BKSP",
                last_name=f"Bench {i:02d}",
            )
            for i in range(1, SIZES["bksp_user"] + 1)
        ],
    )
    fas = list(User.objects.filter(username__startswith="bench.fas").order_by("username"))
    bksp_users = list(User.objects.filter(username__startswith="bench.bksp").order_by("username"))
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=fas_group.pk) for u in fas]
        + [User.groups.through(user_id=u.pk, group_id=bksp_group.pk) for u in bksp_users]
    )
    _bulk(
        Profil,
        [Profil(user=u, jabatan="Fasilitator Advokasi LSP") for u in fas]
        + [
            Profil(user=u, provinsi=provinces[i], jabatan="Staf BKSP")
            for i, u in enumerate(bksp_users)
        ],
    )
    added["pengguna"] = len(fas) + len(bksp_users)

    # --- targets: LSPs with TUKs, and the other kinds, up to 2,000 in all -------------------
    have = Sasaran.objects.count()
    need = max(SIZES["sasaran"] - have, 0)
    n_lsp, n_tuk = need * 45 // 100, need * 35 // 100
    other_kinds = [
        Sasaran.Jenis.ASOSIASI_PROFESI,
        Sasaran.Jenis.ASOSIASI_INDUSTRI,
        Sasaran.Jenis.INSTANSI_TEKNIS,
        Sasaran.Jenis.LEMDIKLAT,
    ]
    rows = []
    for i in range(need):
        if i < n_lsp:
            jenis, nama = Sasaran.Jenis.LSP, f"LSP Bench {SEKTOR[i % 10]} {i:04d}"
        elif i < n_lsp + n_tuk:
            jenis, nama = Sasaran.Jenis.TUK, f"TUK Bench {i:04d}"
        else:
            jenis = other_kinds[i % 4]
            nama = f"{Sasaran.Jenis(jenis).label} Bench {i:04d}"
        prov = provinces[rng.randrange(len(provinces))]
        rows.append(
            Sasaran(
                jenis=jenis,
                nama=nama,
                provinsi=prov,
                kabupaten_kota=f"Kota {prov.nama}",
                alamat=f"Jl. Bench No. {i}",
                kode_pos=f"{10000 + i:05d}",
                narahubung="Narahubung Bench",
                email=f"bench{i}@contoh.id",
                telepon="021 555 0100",
            )
        )
    _bulk(Sasaran, rows)
    bench_targets = list(Sasaran.objects.filter(nama__contains=" Bench ").order_by("pk"))
    lsp_targets = [s for s in bench_targets if s.jenis == Sasaran.Jenis.LSP]
    tuk_targets = [s for s in bench_targets if s.jenis == Sasaran.Jenis.TUK]
    lsps = []
    for i, s in enumerate(lsp_targets):
        issued = day(0, DAYS)
        lsps.append(
            Lsp(
                sasaran=s,
                jenis_lsp=["P1", "P2", "P3"][i % 3],
                nomor_lisensi=f"BNSP-LSP-B{i:05d}",
                tanggal_lisensi=issued,
                tanggal_kedaluwarsa=issued + timedelta(days=5 * 365),
                sektor=SEKTOR[i % 10],
                jumlah_skema=rng.randint(1, 40),
            )
        )
    _bulk(Lsp, lsps)
    _bulk(
        Tuk,
        [
            Tuk(
                sasaran=s,
                lsp=lsps[i % len(lsps)],
                kode=f"TUK-B{i:05d}",
                jenis_tuk=["sewaktu", "tempat_kerja", "mandiri"][i % 3],
                penanggung_jawab="Penanggung Jawab Bench",
                berlaku_sampai=day(DAYS // 2, DAYS),
            )
            for i, s in enumerate(tuk_targets)
        ],
    )
    added["sasaran"] = len(bench_targets)
    all_targets = list(Sasaran.objects.order_by("pk").values_list("pk", flat=True))

    # --- teams: 20, each a slice of the targets; the demo fasilitator sits in two -------------
    kinds = list(JenisTim.values)
    _bulk(
        Tim,
        [
            Tim(
                nama=f"Tim Bench {t + 1:02d}",
                jenis=kinds[t % len(kinds)],
                koordinator=komisi,
                keterangan="Tim untuk data benchmark.",
            )
            for t in range(SIZES["tim"])
        ],
    )
    teams = list(Tim.objects.filter(nama__startswith="Tim Bench ").order_by("nama"))
    team_targets = {t.pk: all_targets[i :: len(teams)] for i, t in enumerate(teams)}
    members = {
        t.pk: [fas[(2 * i) % len(fas)], fas[(2 * i + 1) % len(fas)]] for i, t in enumerate(teams)
    }
    members[teams[0].pk].append(demo_fas)
    members[teams[1].pk].append(demo_fas)
    _bulk_m2m(Tim.anggota, [(t, u.pk) for t, us in members.items() for u in us])
    _bulk_m2m(Tim.sasaran, [(t, s) for t, ss in team_targets.items() for s in ss])
    added["tim"] = len(teams)

    def team_of(i: int) -> Tim:
        # The first two teams (the demo fasilitator's) carry a double share, like a busy region.
        return teams[i % (len(teams) + 2) % len(teams)]

    # --- surveys and problems ------------------------------------------------------------------
    survei_rows, survei_targets = [], []
    for i in range(SIZES["survei"]):
        tim = team_of(i)
        d = day()
        survei_rows.append(
            Survei(
                nomor=nomor(Survei.KODE, d.year),
                tim=tim,
                tanggal=d,
                dibuat_oleh=komisi,
                ringkasan="Temuan survei pemetaan (data benchmark).",
            )
        )
        survei_targets.append(rng.sample(team_targets[tim.pk], 2))
    surveys = _bulk(Survei, survei_rows)
    surveys = list(Survei.objects.filter(nomor__in=[s.nomor for s in survei_rows]).order_by("pk"))
    _bulk_m2m(
        Survei.sasaran,
        [(s.pk, t) for s, ts in zip(surveys, survei_targets, strict=True) for t in ts],
    )
    statuses = [
        (Permasalahan.Status.TERIDENTIFIKASI, 30),
        (Permasalahan.Status.DIBAHAS, 15),
        (Permasalahan.Status.DIPRIORITASKAN, 15),
        (Permasalahan.Status.DALAM_BIMBINGAN, 20),
        (Permasalahan.Status.SELESAI, 15),
        (Permasalahan.Status.DITUTUP, 5),
    ]
    status_pool = [s for s, w in statuses for _ in range(w)]
    masalah_rows = []
    for i in range(SIZES["permasalahan"]):
        survei = surveys[i % len(surveys)]
        status = rng.choice(status_pool)
        masalah_rows.append(
            Permasalahan(
                nomor=nomor(Permasalahan.KODE, survei.tanggal.year),
                survei=survei,
                sasaran_id=survei_targets[i % len(surveys)][i // len(surveys) % 2],
                kategori=rng.choice(KategoriMasalah.values),
                ruang_lingkup=rng.choice(RuangLingkup.values),
                uraian=rng.choice(URAIAN),
                tingkat=rng.choice(Permasalahan.Tingkat.values),
                status=status,
                alasan_penutupan=(
                    Permasalahan.AlasanPenutupan.TIDAK_RELEVAN
                    if status == Permasalahan.Status.DITUTUP
                    else ""
                ),
                dibuat_oleh=komisi,
            )
        )
    _bulk(Permasalahan, masalah_rows)
    problems = list(
        Permasalahan.objects.filter(nomor__in=[m.nomor for m in masalah_rows])
        .order_by("pk")
        .values_list("pk", "survei__tim_id", "sasaran_id")
    )
    by_team = defaultdict(list)
    for pk, tim_id, sasaran_id in problems:
        by_team[tim_id].append((pk, sasaran_id))
    added["survei"], added["permasalahan"] = len(surveys), len(problems)

    # --- FGD -----------------------------------------------------------------------------------
    fgd_rows, fgd_masalah = [], []
    for i in range(SIZES["fgd"]):
        tim = team_of(i)
        d = day()
        fgd_rows.append(
            Fgd(
                nomor=nomor(Fgd.KODE, d.year),
                tim=tim,
                tanggal=d,
                waktu_mulai=time(9, 0),
                tempat="Ruang rapat BNSP",
                kesimpulan="Kesimpulan FGD (data benchmark).",
                dibuat_oleh=komisi,
            )
        )
        fgd_masalah.append([p for p, _s in rng.sample(by_team[tim.pk], 4)])
    _bulk(Fgd, fgd_rows)
    fgds = list(Fgd.objects.filter(nomor__in=[f.nomor for f in fgd_rows]).order_by("pk"))
    _bulk_m2m(
        Fgd.permasalahan, [(f.pk, p) for f, ps in zip(fgds, fgd_masalah, strict=True) for p in ps]
    )
    _bulk(
        PesertaFgd,
        [
            PesertaFgd(
                fgd=f,
                user=members[f.tim_id][j],
                nama=f"Peserta {j}",
                peran=PesertaFgd.Peran.FASILITATOR,
            )
            for f in fgds
            for j in range(2)
        ],
    )
    added["fgd"] = len(fgds)

    # --- priority groups with scores -----------------------------------------------------------
    kriteria = list(KriteriaPrioritas.objects.filter(aktif=True))
    kel_rows, kel_masalah = [], []
    for i in range(SIZES["kelompok"]):
        tim = team_of(i)
        d = day()
        kel_rows.append(
            KelompokMasalah(
                nomor=nomor(KelompokMasalah.KODE, d.year),
                tim=tim,
                nama=f"Kelompok masalah bench {i:04d}",
                tahun=d.year,
                jenis_sasaran=KelompokMasalah.JenisSasaran.KELOMPOK_LSP,
                dibuat_oleh=komisi,
            )
        )
        kel_masalah.append(rng.sample(by_team[tim.pk], 5))
    _bulk(KelompokMasalah, kel_rows)
    groups = list(
        KelompokMasalah.objects.filter(nomor__in=[k.nomor for k in kel_rows]).order_by("pk")
    )
    _bulk_m2m(
        KelompokMasalah.permasalahan,
        [(k.pk, p) for k, ps in zip(groups, kel_masalah, strict=True) for p, _s in ps],
    )
    _bulk_m2m(
        KelompokMasalah.sasaran,
        [(k.pk, s) for k, ps in zip(groups, kel_masalah, strict=True) for _p, s in ps],
    )
    _bulk(
        SkorPrioritas,
        [
            SkorPrioritas(kelompok=k, kriteria=c, skor=rng.randint(1, 5))
            for k in groups
            for c in kriteria
        ],
    )
    added["kelompok_masalah"] = len(groups)

    # --- guidance sessions and their RTL items -------------------------------------------------
    bim_rows, bim_masalah = [], []
    for i in range(SIZES["bimbingan"]):
        tim = team_of(i)
        d = day()
        status = Bimbingan.Status.TERLAKSANA if d < today else Bimbingan.Status.DIJADWALKAN
        bim_rows.append(
            Bimbingan(
                nomor=nomor(Bimbingan.KODE, d.year),
                jenis=rng.choice(JenisBimbingan.values),
                tim=tim,
                tanggal=d,
                waktu_mulai=time(9, 0),
                waktu_selesai=time(15, 0),
                tempat="Kantor LSP",
                status=status,
                dibuat_oleh=komisi,
                kesimpulan="Kesimpulan bimbingan (data benchmark).",
            )
        )
        bim_masalah.append(rng.sample(by_team[tim.pk], 3))
    _bulk(Bimbingan, bim_rows)
    sessions = list(Bimbingan.objects.filter(nomor__in=[b.nomor for b in bim_rows]).order_by("pk"))
    _bulk_m2m(
        Bimbingan.sasaran,
        [(b.pk, s) for b, ps in zip(sessions, bim_masalah, strict=True) for _p, s in ps],
    )
    _bulk_m2m(Bimbingan.fasilitator, [(b.pk, members[b.tim_id][0].pk) for b in sessions])
    _bulk(
        BimbinganMasalah,
        [
            BimbinganMasalah(bimbingan=b, permasalahan_id=p)
            for b, ps in zip(sessions, bim_masalah, strict=True)
            for p, _s in ps
        ],
    )
    _bulk(
        PesertaBimbingan,
        [
            PesertaBimbingan(bimbingan=b, sasaran_id=ps[0][1], nama="Ketua LSP", jabatan="Ketua")
            for b, ps in zip(sessions, bim_masalah, strict=True)
        ],
    )
    per_session = SIZES["rtl"] // len(sessions)
    rtl_rows = []
    for b, ps in zip(sessions, bim_masalah, strict=True):
        for j in range(per_session):
            p, s = ps[j % len(ps)]
            due = b.tanggal + timedelta(days=rng.randint(14, 180))
            if due < today:
                status = rng.choice(
                    [Rtl.Status.SELESAI] * 3 + [Rtl.Status.BERJALAN, Rtl.Status.DIBATALKAN]
                )
            else:
                status = rng.choice([Rtl.Status.RENCANA, Rtl.Status.BERJALAN])
            done = status == Rtl.Status.SELESAI
            rtl_rows.append(
                Rtl(
                    nomor=nomor(Rtl.KODE, b.tanggal.year),
                    bimbingan=b,
                    permasalahan_id=p,
                    tindakan=TINDAKAN[j % len(TINDAKAN)],
                    jenis=rng.choice(Rtl.Jenis.values),
                    pemilik_sasaran_id=s,
                    pemilik_nama="Ketua LSP",
                    batas_waktu=due,
                    indikator="Dokumen disahkan",
                    target_nilai=Decimal(1),
                    satuan="dokumen",
                    status=status,
                    progres=100 if done else rng.choice([0, 25, 50, 75]),
                    tanggal_disepakati=b.tanggal,
                    tanggal_mulai=b.tanggal + timedelta(days=7) if status != "rencana" else None,
                    tanggal_selesai=due if done else None,
                    dibuat_oleh=komisi,
                )
            )
    _bulk(Rtl, rtl_rows)
    rtl_by_session = defaultdict(list)
    for pk, b_id, p_id in Rtl.objects.filter(bimbingan__in=sessions).values_list(
        "pk", "bimbingan_id", "permasalahan_id"
    ):
        rtl_by_session[b_id].append((pk, p_id))
    added["bimbingan"], added["rtl"] = len(sessions), len(rtl_rows)

    # --- monitoring plans and records over three years -----------------------------------------
    instrumen = Instrumen.objects.order_by("pk").first()
    indikator = list(Indikator.objects.filter(fokus__aspek__instrumen=instrumen))
    ren_rows, ren_sesi = [], []
    for i in range(SIZES["rencana"]):
        b = sessions[i % len(sessions)]
        d = min(b.tanggal + timedelta(days=rng.randint(30, 120)), today + timedelta(days=60))
        ren_rows.append(
            RencanaMonitoring(
                nomor=nomor(RencanaMonitoring.KODE, d.year),
                tim_id=b.tim_id,
                tujuan="Memantau pelaksanaan RTL hasil bimbingan.",
                ruang_lingkup="RTL bimbingan teknis",
                metode=RencanaMonitoring.Metode.VISITASI,
                instrumen=instrumen,
                tanggal_rencana=d,
                tanggal_dikomunikasikan=d - timedelta(7),
                status=(
                    RencanaMonitoring.Status.TERLAKSANA
                    if d < today
                    else RencanaMonitoring.Status.DIRENCANAKAN
                ),
                dibuat_oleh=komisi,
            )
        )
        ren_sesi.append(b)
    _bulk(RencanaMonitoring, ren_rows)
    plans = list(
        RencanaMonitoring.objects.filter(nomor__in=[r.nomor for r in ren_rows]).order_by("pk")
    )
    _bulk_m2m(
        RencanaMonitoring.bimbingan, [(r.pk, b.pk) for r, b in zip(plans, ren_sesi, strict=True)]
    )
    _bulk_m2m(
        RencanaMonitoring.rtl,
        [
            (r.pk, pk)
            for r, b in zip(plans, ren_sesi, strict=True)
            for pk, _p in rtl_by_session[b.pk][:5]
        ],
    )
    done_plans = [
        (r, b)
        for r, b in zip(plans, ren_sesi, strict=True)
        if r.status == RencanaMonitoring.Status.TERLAKSANA
    ]
    cat_rows, cat_sesi = [], []
    for i in range(SIZES["catatan"]):
        r, b = done_plans[i % len(done_plans)]
        d = r.tanggal_rencana + timedelta(days=30 * (i // len(done_plans)))
        cat_rows.append(
            CatatanMonitoring(
                nomor=nomor(CatatanMonitoring.KODE, d.year),
                rencana=r,
                tanggal=d,
                temuan="Sebagian RTL berjalan sesuai rencana.",
                faktor_pendorong="Komitmen pimpinan LSP.",
                faktor_penghambat="Keterbatasan asesor.",
                dibuat_oleh=komisi,
            )
        )
        cat_sesi.append(b)
    _bulk(CatatanMonitoring, cat_rows)
    records = list(
        CatatanMonitoring.objects.filter(nomor__in=[c.nomor for c in cat_rows]).order_by("pk")
    )
    jawaban = []
    for c in records:
        for ind in indikator:
            if ind.tipe == Indikator.Tipe.TEKS:
                jawaban.append(JawabanIndikator(catatan=c, indikator=ind, teks="Sesuai."))
            else:
                top = {"ya_tidak": 1, "skala": 5, "persen": 100}.get(ind.tipe, 20)
                jawaban.append(
                    JawabanIndikator(catatan=c, indikator=ind, nilai=Decimal(rng.randint(0, top)))
                )
    _bulk(JawabanIndikator, jawaban)
    progres, konfirmasi = [], []
    for c, b in zip(records, cat_sesi, strict=True):
        items = rtl_by_session[b.pk][:3]
        for pk, _p in items:
            progres.append(
                ProgresRtl(
                    catatan=c,
                    rtl_id=pk,
                    status=Rtl.Status.BERJALAN,
                    progres=rng.choice([25, 50, 75, 100]),
                )
            )
        konfirmasi.append(
            KonfirmasiMasalah(catatan=c, permasalahan_id=items[0][1], teratasi=rng.random() < 0.5)
        )
    _bulk(ProgresRtl, progres)
    _bulk(KonfirmasiMasalah, konfirmasi)
    added["rencana_monitoring"], added["catatan_monitoring"] = len(plans), len(records)
    added["jawaban_indikator"], added["progres_rtl"] = len(jawaban), len(progres)
    nomor.save()
    return added


def counts() -> dict:
    """What the database holds now, for the report."""
    models = {
        "sasaran": Sasaran,
        "lsp": Lsp,
        "tuk": Tuk,
        "pengguna": get_user_model(),
        "tim": Tim,
        "survei": Survei,
        "permasalahan": Permasalahan,
        "fgd": Fgd,
        "bimbingan": Bimbingan,
        "kelompok_masalah": KelompokMasalah,
        "rtl": Rtl,
        "rencana_monitoring": RencanaMonitoring,
        "catatan_monitoring": CatatanMonitoring,
        "jawaban_indikator": JawabanIndikator,
        "progres_rtl": ProgresRtl,
    }
    result = {key: model.objects.count() for key, model in models.items()}
    span = CatatanMonitoring.objects.aggregate(first=Min("tanggal"), last=Max("tanggal"))
    result["catatan_dari"], result["catatan_sampai"] = str(span["first"]), str(span["last"])
    return result
