"""Demo data for `manage.py seed_demo`: a registry that looks like a working BNSP office.

Plain data and one pure function, `build(today)`, that turns it into specs; no database access here.
A fixed random seed keeps the data identical on every machine. License dates are computed relative
to `today`, so that whenever the command runs roughly 75% of LSP licenses are active, 10% expire
within 90 days and 15% have expired.

Institution names are real Indonesian ones, for realism; every person, address, phone number and
e-mail address is made up. The tables are kept as text, one record a line, so they stay readable.
"""

import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from akun.roles import Role
from lsp.models import Lsp, Sasaran, Tuk

SEED = 604
LICENSE_YEARS = 5
CHANGE_REASON = "Data demo (seed_demo)"


def _table(text: str) -> list[list[str]]:
    """Rows of a `|`-separated text table, one row a line."""
    return [[cell.strip() for cell in line.split("|")] for line in text.strip().splitlines()]


def _cells(text: str) -> list[str]:
    """All cells of a `|`-separated text, row after row."""
    return [cell for row in _table(text) for cell in row]


# Province (as named by migration 0002) -> capital, phone area code, the capital's postal code,
# and the slug of its BKSP's e-mail domain.
PROVINCES = {
    row[0]: tuple(row[1:])
    for row in _table("""
        Aceh                      | Kota Banda Aceh       | 0651 | 23122 | aceh
        Sumatera Utara            | Kota Medan            | 061  | 20152 | sumut
        Sumatera Barat            | Kota Padang           | 0751 | 25121 | sumbar
        Riau                      | Kota Pekanbaru        | 0761 | 28121 | riau
        Jambi                     | Kota Jambi            | 0741 | 36122 | jambi
        Sumatera Selatan          | Kota Palembang        | 0711 | 30128 | sumsel
        Bengkulu                  | Kota Bengkulu         | 0736 | 38225 | bengkulu
        Lampung                   | Kota Bandar Lampung   | 0721 | 35214 | lampung
        Kepulauan Bangka Belitung | Kota Pangkalpinang    | 0717 | 33134 | babel
        Kepulauan Riau            | Kota Tanjungpinang    | 0771 | 29124 | kepri
        DKI Jakarta               | Kota Jakarta Pusat    | 021  | 10110 | dki
        Jawa Barat                | Kota Bandung          | 022  | 40115 | jabar
        Jawa Tengah               | Kota Semarang         | 024  | 50132 | jateng
        DI Yogyakarta             | Kota Yogyakarta       | 0274 | 55165 | diy
        Jawa Timur                | Kota Surabaya         | 031  | 60235 | jatim
        Banten                    | Kota Serang           | 0254 | 42171 | banten
        Bali                      | Kota Denpasar         | 0361 | 80235 | bali
        Nusa Tenggara Barat       | Kota Mataram          | 0370 | 83125 | ntb
        Nusa Tenggara Timur       | Kota Kupang           | 0380 | 85228 | ntt
        Kalimantan Barat          | Kota Pontianak        | 0561 | 78121 | kalbar
        Kalimantan Tengah         | Kota Palangka Raya    | 0536 | 73112 | kalteng
        Kalimantan Selatan        | Kota Banjarbaru       | 0511 | 70714 | kalsel
        Kalimantan Timur          | Kota Samarinda        | 0541 | 75123 | kaltim
        Kalimantan Utara          | Kabupaten Bulungan    | 0552 | 77212 | kaltara
        Sulawesi Utara            | Kota Manado           | 0431 | 95117 | sulut
        Sulawesi Tengah           | Kota Palu             | 0451 | 94111 | sulteng
        Sulawesi Selatan          | Kota Makassar         | 0411 | 90231 | sulsel
        Sulawesi Tenggara         | Kota Kendari          | 0401 | 93121 | sultra
        Gorontalo                 | Kota Gorontalo        | 0435 | 96128 | gorontalo
        Sulawesi Barat            | Kabupaten Mamuju      | 0426 | 91511 | sulbar
        Maluku                    | Kota Ambon            | 0911 | 97127 | maluku
        Maluku Utara              | Kota Tidore Kepulauan | 0921 | 97852 | malut
        Papua                     | Kota Jayapura         | 0967 | 99112 | papua
        Papua Barat               | Kabupaten Manokwari   | 0986 | 98312 | papuabarat
        Papua Selatan             | Kabupaten Merauke     | 0971 | 99614 | papuaselatan
        Papua Tengah              | Kabupaten Nabire      | 0984 | 98816 | papuatengah
        Papua Pegunungan          | Kabupaten Jayawijaya  | 0969 | 99511 | papuapegunungan
        Papua Barat Daya          | Kota Sorong           | 0951 | 98413 | papuabaratdaya
    """)
}

# Cities other than the capitals -> province, phone area code, first three digits of postal codes.
CITIES = {
    row[0]: tuple(row[1:])
    for row in _table("""
        Kota Jakarta Selatan    | DKI Jakarta        | 021  | 121
        Kota Jakarta Timur      | DKI Jakarta        | 021  | 132
        Kota Jakarta Utara      | DKI Jakarta        | 021  | 143
        Kota Cimahi             | Jawa Barat         | 022  | 405
        Kota Depok              | Jawa Barat         | 021  | 164
        Kota Bekasi             | Jawa Barat         | 021  | 171
        Kabupaten Bekasi        | Jawa Barat         | 021  | 175
        Kabupaten Bandung Barat | Jawa Barat         | 022  | 405
        Kota Bogor              | Jawa Barat         | 0251 | 161
        Kabupaten Banyumas      | Jawa Tengah        | 0281 | 531
        Kota Surakarta          | Jawa Tengah        | 0271 | 571
        Kabupaten Sukoharjo     | Jawa Tengah        | 0271 | 575
        Kabupaten Blora         | Jawa Tengah        | 0296 | 583
        Kabupaten Sleman        | DI Yogyakarta      | 0274 | 555
        Kota Malang             | Jawa Timur         | 0341 | 651
        Kota Batu               | Jawa Timur         | 0341 | 653
        Kabupaten Gresik        | Jawa Timur         | 031  | 611
        Kota Tangerang          | Banten             | 021  | 151
        Kota Cilegon            | Banten             | 0254 | 424
        Kabupaten Badung        | Bali               | 0361 | 803
        Kabupaten Muara Enim    | Sumatera Selatan   | 0734 | 313
        Kota Balikpapan         | Kalimantan Timur   | 0542 | 761
        Kota Bontang            | Kalimantan Timur   | 0548 | 753
        Kota Banjarmasin        | Kalimantan Selatan | 0511 | 701
        Kabupaten Luwu Timur    | Sulawesi Selatan   | 0474 | 929
        Kota Bitung             | Sulawesi Utara     | 0438 | 955
        Kota Batam              | Kepulauan Riau     | 0778 | 294
        Kota Dumai              | Riau               | 0765 | 288
        Kabupaten Aceh Tengah   | Aceh               | 0643 | 245
        Kabupaten Mimika        | Papua Tengah       | 0901 | 999
    """)
}

# Sector -> LSPs: jenis | name (P1 and P2 without their "LSP P1/P2" prefix) | city | short code
# for the web address and e-mail.
LSPS = {
    "Teknologi Informasi": _table("""
        P1 | SMK Negeri 1 Bandung                   | Kota Bandung         | smkn1-bdg
        P1 | SMK Negeri 26 Jakarta                  | Kota Jakarta Timur   | smkn26jkt
        P1 | SMK Negeri 1 Cimahi                    | Kota Cimahi          | smkn1cmi
        P1 | Politeknik Negeri Malang               | Kota Malang          | polinema
        P1 | Politeknik Elektronika Negeri Surabaya | Kota Surabaya        | pens
        P2 | PT Telkom Indonesia (Persero) Tbk      | Kota Bandung         | telkom
        P3 | LSP Teknologi Digital                  | Kota Jakarta Selatan | teknologidigital
        P3 | LSP Informatika Indonesia              | Kota Bandung         | informatika
        P3 | LSP Telematika Nusantara               | Kota Semarang        | telematika
        P3 | LSP Keamanan Siber Indonesia           | Kota Jakarta Selatan | siber
    """),
    "Otomotif": _table("""
        P1 | SMK Negeri 2 Surabaya      | Kota Surabaya      | smkn2sby
        P1 | SMK Negeri 5 Bekasi        | Kota Bekasi        | smkn5bks
        P2 | PT Astra International Tbk | Kota Jakarta Utara | astra
        P3 | LSP Otomotif Indonesia     | Kabupaten Bekasi   | otomotif
        P3 | LSP Alat Berat Indonesia   | Kota Banjarmasin   | alatberat
    """),
    "Ketenagalistrikan": _table("""
        P1 | SMK Negeri 7 Semarang           | Kota Semarang        | smkn7smg
        P1 | Politeknik Negeri Semarang      | Kota Semarang        | polines
        P1 | Politeknik Negeri Padang        | Kota Padang          | pnp
        P2 | PT PLN (Persero)                | Kota Jakarta Selatan | pln
        P3 | LSP Ketenagalistrikan Nusantara | Kota Surabaya        | ketenagalistrikan
        P3 | LSP Energi Terbarukan Indonesia | Kota Semarang        | energiterbarukan
    """),
    "Manufaktur": _table("""
        P1 | SMK Negeri 2 Depok Sleman        | Kabupaten Sleman        | smkn2depoksleman
        P1 | Politeknik Negeri Bandung        | Kabupaten Bandung Barat | polban
        P2 | PT Semen Indonesia (Persero) Tbk | Kabupaten Gresik        | sig
        P2 | PT Pupuk Kalimantan Timur        | Kota Bontang            | pupukkaltim
        P2 | PT Krakatau Steel (Persero) Tbk  | Kota Cilegon            | krakatausteel
        P2 | PT Pindad                        | Kota Bandung            | pindad
        P3 | LSP Logam dan Mesin Indonesia    | Kota Bekasi             | logammesin
        P3 | LSP Tekstil dan Garmen Nusantara | Kabupaten Sukoharjo     | tekstilgarmen
    """),
    "Pariwisata": _table("""
        P1 | SMK Negeri 1 Denpasar        | Kota Denpasar    | smkn1dps
        P1 | SMK Negeri 3 Malang          | Kota Malang      | smkn3mlg
        P1 | Politeknik Negeri Bali       | Kabupaten Badung | pnb
        P1 | Politeknik Negeri Manado     | Kota Manado      | polimdo
        P3 | LSP Pariwisata Nusantara     | Kota Denpasar    | pariwisatanusantara
        P3 | LSP Perhotelan Indonesia     | Kabupaten Sleman | perhotelan
        P3 | LSP Pemandu Wisata Indonesia | Kota Mataram     | pemanduwisata
        P3 | LSP Kuliner Nusantara        | Kota Padang      | kulinernusantara
    """),
    "Keuangan": _table("""
        P1 | SMK Negeri 1 Purwokerto                | Kabupaten Banyumas   | smkn1pwt
        P1 | SMK Negeri 1 Medan                     | Kota Medan           | smkn1mdn
        P1 | Politeknik Negeri Jakarta              | Kota Depok           | pnj
        P2 | PT Bank Rakyat Indonesia (Persero) Tbk | Kota Jakarta Pusat   | bri
        P2 | PT Bank Negara Indonesia (Persero) Tbk | Kota Jakarta Pusat   | bni
        P3 | LSP Perbankan Indonesia                | Kota Jakarta Pusat   | perbankan
        P3 | LSP Keuangan Syariah                   | Kota Jakarta Selatan | keuangansyariah
    """),
    "Konstruksi": _table("""
        P1 | SMK Negeri 2 Makassar                | Kota Makassar      | smkn2mks
        P1 | Politeknik Negeri Ujung Pandang      | Kota Makassar      | poliupg
        P1 | Politeknik Negeri Kupang             | Kota Kupang        | pnk
        P2 | PT Wijaya Karya (Persero) Tbk        | Kota Jakarta Timur | wika
        P3 | LSP Tenaga Ahli Konstruksi Indonesia | Kota Jakarta Timur | tenagaahlikonstruksi
        P3 | LSP Keselamatan dan Kesehatan Kerja  | Kota Serang        | k3
    """),
    "Logistik": _table("""
        P1 | SMK Negeri 4 Tangerang            | Kota Tangerang     | smkn4tng
        P2 | PT Pelabuhan Indonesia (Persero)  | Kota Jakarta Utara | pelindo
        P2 | PT Kereta Api Indonesia (Persero) | Kota Bandung       | kai
        P3 | LSP Logistik Indonesia            | Kota Jakarta Utara | logistik
        P3 | LSP Pergudangan dan Rantai Pasok  | Kota Tangerang     | rantaipasok
    """),
    "Energi dan Pertambangan": _table("""
        P1 | SMK Negeri 1 Balikpapan       | Kota Balikpapan      | smkn1bpn
        P1 | Politeknik Negeri Sriwijaya   | Kota Palembang       | polsri
        P1 | Politeknik Negeri Banjarmasin | Kota Banjarmasin     | poliban
        P2 | PT Pertamina (Persero)        | Kota Jakarta Pusat   | pertamina
        P2 | PT Bukit Asam Tbk             | Kabupaten Muara Enim | ptba
        P2 | PT Freeport Indonesia         | Kabupaten Mimika     | ptfi
        P2 | PT Vale Indonesia Tbk         | Kabupaten Luwu Timur | vale
        P3 | LSP Pertambangan Nusantara    | Kota Samarinda       | pertambangan
        P3 | LSP Minyak dan Gas Bumi       | Kota Dumai           | migas
    """),
    "Ekonomi Kreatif": _table("""
        P1 | SMK Negeri 1 Padang              | Kota Padang     | smkn1pdg
        P3 | LSP Desain Grafis dan Multimedia | Kota Yogyakarta | desaingrafis
        P3 | LSP Perfilman dan Animasi        | Kota Bandung    | animasi
        P3 | LSP Tenun dan Kriya Nusantara    | Kota Kupang     | kriya
    """),
    "Pertanian": _table("""
        P1 | Politeknik Negeri Pontianak           | Kota Pontianak        | polnep
        P1 | Politeknik Negeri Lampung             | Kota Bandar Lampung   | polinela
        P2 | PT Perkebunan Nusantara III (Persero) | Kota Medan            | ptpn3
        P3 | LSP Agribisnis Hortikultura           | Kota Batu             | hortikultura
        P3 | LSP Perkebunan Indonesia              | Kota Pekanbaru        | perkebunan
        P3 | LSP Kopi Nusantara                    | Kabupaten Aceh Tengah | kopinusantara
    """),
    "Kesehatan": _table("""
        P1 | Poltekkes Kemenkes Yogyakarta  | Kabupaten Sleman   | poltekkesjogja
        P2 | PT Bio Farma (Persero)         | Kota Bandung       | biofarma
        P3 | LSP Tenaga Kesehatan Indonesia | Kota Jakarta Pusat | tenagakesehatan
    """),
    "Maritim": _table("""
        P1 | Politeknik Maritim Negeri Indonesia  | Kota Semarang | polimarin
        P2 | PT PAL Indonesia                     | Kota Surabaya | pal
        P3 | LSP Maritim Indonesia                | Kota Batam    | maritim
        P3 | LSP Perikanan dan Kelautan Nusantara | Kota Bitung   | perikanan
    """),
    "Pendidikan": _table("""
        P1 | Universitas Pendidikan Indonesia | Kota Bandung       | upi
        P3 | LSP Pelatih Kerja Indonesia      | Kota Jakarta Timur | pelatihkerja
    """),
    "Perhubungan": _table("""
        P2 | PT GMF AeroAsia Tbk | Kota Tangerang | gmf
    """),
}

# Other targets, by jenis: name | city | domain of the web site and e-mail.
STAKEHOLDERS = {
    Sasaran.Jenis.ASOSIASI_PROFESI: _table("""
        Persatuan Insinyur Indonesia                  | Kota Jakarta Selatan | pii.or.id
        Ikatan Akuntan Indonesia                      | Kota Jakarta Pusat   | iaiglobal.or.id
        Persatuan Perawat Nasional Indonesia          | Kota Jakarta Selatan | ppni-inna.org
        Ikatan Apoteker Indonesia                     | Kota Jakarta Pusat   | iai.id
        Ikatan Arsitek Indonesia Daerah Jawa Timur    | Kota Surabaya        | iai-jatim.or.id
        Himpunan Pramuwisata Indonesia DPD Bali       | Kota Denpasar        | hpibali.or.id
        Ikatan Ahli Geologi Indonesia                 | Kota Jakarta Selatan | iagi.or.id
        Perhimpunan Ahli Pertambangan Indonesia       | Kota Jakarta Selatan | perhapi.or.id
        Ikatan Bankir Indonesia                       | Kota Jakarta Pusat   | ibi.or.id
        Asosiasi Desainer Grafis Indonesia            | Kota Yogyakarta      | adgi.or.id
        Indonesian Chef Association Sumatera Barat    | Kota Padang          | ica-sumbar.or.id
        Himpunan Ahli Teknik Tenaga Listrik Indonesia | Kota Semarang        | hatti.or.id
    """),
    Sasaran.Jenis.ASOSIASI_INDUSTRI: _table("""
        Kamar Dagang dan Industri Indonesia              | Kota Jakarta Selatan | kadin.id
        Asosiasi Pengusaha Indonesia                     | Kota Jakarta Selatan | apindo.or.id
        Perhimpunan Hotel dan Restoran Indonesia         | Kota Jakarta Pusat   | phri.or.id
        Asosiasi Logistik Indonesia                      | Kota Jakarta Utara   | ali.web.id
        Gabungan Industri Kendaraan Bermotor Indonesia   | Kota Jakarta Pusat   | gaikindo.or.id
        Asosiasi Pertekstilan Indonesia                  | Kota Bandung         | api.or.id
        Gabungan Pelaksana Konstruksi Nasional Indonesia | Kota Jakarta Selatan | gapensi.or.id
        Asosiasi Pertambangan Batubara Indonesia         | Kota Jakarta Selatan | apbi-icma.org
        Gabungan Pengusaha Kelapa Sawit Indonesia Riau   | Kota Pekanbaru       | gapki-riau.id
        Asosiasi Travel Agent Indonesia DPD Bali         | Kabupaten Badung     | asita-bali.or.id
    """),
    Sasaran.Jenis.INSTANSI_TEKNIS: _table("""
        Kementerian Ketenagakerjaan                | Kota Jakarta Selatan | kemnaker.go.id
        Kementerian Pariwisata dan Ekonomi Kreatif | Kota Jakarta Pusat   | kemenparekraf.go.id
        Kementerian Perindustrian                  | Kota Jakarta Selatan | kemenperin.go.id
        Kementerian Energi dan Sumber Daya Mineral | Kota Jakarta Pusat   | esdm.go.id
        Kementerian Pekerjaan Umum                 | Kota Jakarta Selatan | pu.go.id
        Kementerian Kesehatan                      | Kota Jakarta Selatan | kemkes.go.id
        Kementerian Kelautan dan Perikanan         | Kota Jakarta Pusat   | kkp.go.id
        Dinas Tenaga Kerja Provinsi Jawa Timur     | Kota Surabaya        | disnaker.jatimprov.go.id
        Disnakertrans Provinsi Jawa Barat          | Kota Bandung         | disnaker.jabarprov.go.id
        Dinas Pariwisata Provinsi Bali             | Kota Denpasar        | disparda.baliprov.go.id
    """),
    Sasaran.Jenis.LEMDIKLAT: _table("""
        BBPVP Bandung                  | Kota Bandung       | bbpvpbandung.kemnaker.go.id
        BBPVP Serang                   | Kota Serang        | bbpvpserang.kemnaker.go.id
        BBPVP Bekasi                   | Kabupaten Bekasi   | bbpvpbekasi.kemnaker.go.id
        BBPVP Semarang                 | Kota Semarang      | bbpvpsemarang.kemnaker.go.id
        BBPVP Medan                    | Kota Medan         | bbpvpmedan.kemnaker.go.id
        BBPVP Makassar                 | Kota Makassar      | bbpvpmakassar.kemnaker.go.id
        BPVP Kendari                   | Kota Kendari       | bpvpkendari.kemnaker.go.id
        BPVP Sorong                    | Kota Sorong        | bpvpsorong.kemnaker.go.id
        Politeknik Pariwisata Bali     | Kabupaten Badung   | ppb.ac.id
        Politeknik Pariwisata Makassar | Kota Makassar      | poltekpar-makassar.ac.id
        Politeknik Ketenagakerjaan     | Kota Jakarta Timur | polteknaker.ac.id
        PPSDM Migas Cepu               | Kabupaten Blora    | ppsdmmigas.esdm.go.id
    """),
}

MALE_FIRST = """
Ahmad Budi Eko Hadi Joko Taufik Wahyu Agus Bayu Fajar Hendra Irwan Rahmat Teguh Yusuf Zainal
Arif Dedi Asep Rudi Yohanes Dimas Andi Muhammad
""".split()
MALE_LAST = """
Santoso Wibowo Setiawan Hidayat Saputra Kurniawan Nugroho Pratama Wijaya Gunawan Permana Hakim
Firmansyah Rahman Syahputra Suryadi Purnomo Maulana Sutrisno Hartono
""".split()
FEMALE_FIRST = """
Dewi Fitri Gita Indah Kartika Lestari Rina Sri Yuli Citra Dian Endang Lina Maya Nanda Sari
Wulan Ratna Novi Anisa Putri Ayu
""".split()
FEMALE_LAST = """
Lestari Rahmawati Susanti Utami Wulandari Rahayu Puspitasari Handayani Kusumawati Anggraini
Permatasari Safitri
""".split()
# Batak clan names, borne by men and women alike.
MARGA = "Siregar Nasution Simanjuntak Harahap Sinaga Hasibuan Lubis Manurung Tanjung".split()
DEGREES = ["", "", "", ", S.T.", ", S.Kom.", ", M.M.", ", S.E.", ", S.Pd.", ", M.T.", ", S.K.M."]

STREETS = _cells("""
    Jl. Jenderal Sudirman | Jl. Ahmad Yani | Jl. Diponegoro | Jl. Gatot Subroto | Jl. Pahlawan
    Jl. Merdeka | Jl. Pemuda | Jl. Imam Bonjol | Jl. Gajah Mada | Jl. Hayam Wuruk | Jl. Veteran
    Jl. Soekarno-Hatta | Jl. Teuku Umar | Jl. Cut Nyak Dien | Jl. Pangeran Antasari | Jl. Kartini
    Jl. M.H. Thamrin | Jl. Letjen S. Parman | Jl. Raya Industri | Jl. Dr. Sutomo
""")

# At least four sites a kind, since an LSP may have four TUKs of one kind.
TUK_SITES = {
    Tuk.JenisTuk.MANDIRI: _cells("""
        Laboratorium Komputer | Bengkel Praktik | Gedung Praktik Terpadu | Laboratorium Terpadu
        Pusat Pelatihan
    """),
    Tuk.JenisTuk.TEMPAT_KERJA: _cells("""
        Unit Produksi | Kantor Wilayah | Workshop Perawatan | Area Operasi | Kantor Cabang
    """),
    Tuk.JenisTuk.SEWAKTU: _cells("""
        Sewaktu Gedung Serbaguna | Sewaktu Balai Latihan Kerja | Sewaktu Aula Mitra
        Sewaktu Hotel Mitra | Sewaktu Kampus Mitra
    """),
}
# Weights of the TUK_SITES kinds (mandiri, tempat kerja, sewaktu):
# schools test on campus, companies at work.
TUK_WEIGHTS = {
    Lsp.JenisLsp.P1: [5, 1, 3],
    Lsp.JenisLsp.P2: [2, 6, 1],
    Lsp.JenisLsp.P3: [2, 3, 5],
}
# Share of LSPs with a KAN accreditation: P3 LSPs seek it most often, schools least.
KAN_SHARE = {Lsp.JenisLsp.P1: 0.15, Lsp.JenisLsp.P2: 0.35, Lsp.JenisLsp.P3: 0.6}
SKEMA_RANGE = {Lsp.JenisLsp.P1: (3, 25), Lsp.JenisLsp.P2: (5, 40), Lsp.JenisLsp.P3: (10, 60)}

# Days between the license date and today, per license status at run time. A license ends 1825 or
# 1826 days after its issue (one or two leap days), so these ranges keep each status clear of the
# 90-day boundary and of today.
LICENSE_AGE_DAYS = {
    Lsp.StatusLisensi.AKTIF: (20, 1700),
    Lsp.StatusLisensi.SEGERA_HABIS: (1745, 1815),
    Lsp.StatusLisensi.KEDALUWARSA: (1840, 2150),
}
# Shares of the three statuses among the LSPs: 75%, 10%, 15%.
STATUS_SHARES = [
    (Lsp.StatusLisensi.AKTIF, 0.75),
    (Lsp.StatusLisensi.SEGERA_HABIS, 0.10),
    (Lsp.StatusLisensi.KEDALUWARSA, 0.15),
]
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class SasaranSpec:
    jenis: str
    nama: str
    provinsi: str
    kabupaten_kota: str
    alamat: str
    kode_pos: str
    telepon: str
    email: str
    narahubung: str
    website: str = ""

    def fields(self) -> dict:
        """Model field values, without the province (the caller resolves its name to a row)."""
        values = asdict(self)
        del values["provinsi"]
        return values


@dataclass(frozen=True)
class LspSpec:
    sasaran: SasaranSpec
    jenis_lsp: str
    nomor_lisensi: str
    nomor_sk: str
    tanggal_lisensi: date
    tanggal_kedaluwarsa: date
    nomor_akreditasi_kan: str
    kan_berlaku_sampai: date | None
    sektor: str
    jumlah_skema: int

    def fields(self) -> dict:
        values = asdict(self)
        del values["sasaran"]
        return values


@dataclass(frozen=True)
class TukSpec:
    sasaran: SasaranSpec
    lsp_nomor_lisensi: str
    kode: str
    jenis_tuk: str
    penanggung_jawab: str
    nomor_lisensi: str
    berlaku_sampai: date | None

    def fields(self) -> dict:
        values = asdict(self)
        del values["sasaran"], values["lsp_nomor_lisensi"]
        return values


@dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    first_name: str
    last_name: str
    email: str
    jabatan: str
    provinsi: str | None = None
    is_staff: bool = False
    is_superuser: bool = False


@dataclass(frozen=True)
class DemoData:
    bksp: list[SasaranSpec]
    lsp: list[LspSpec]
    tuk: list[TukSpec]
    stakeholders: list[SasaranSpec]
    users: list[UserSpec]


def _user(username, role, name, email, jabatan, **extra) -> UserSpec:
    first_name, last_name = name.split(" ", 1)
    return UserSpec(username, role, first_name, last_name, email, jabatan, **extra)


# One account per role. Passwords are not data: the command sets them from its --password option.
USERS = [
    _user("admin", Role.ADMIN, "Rizky Ramadhan", "rizky.ramadhan@bnsp.go.id",
          "Administrator Sistem", is_staff=True, is_superuser=True),
    _user("komisi", Role.STAF_KOMISI, "Dewi Kartikasari", "dewi.kartikasari@bnsp.go.id",
          "Staf Komisi Harmonisasi dan Kelembagaan"),
    _user("fasilitator", Role.FASILITATOR, "Bambang Sutrisno", "bambang.sutrisno@bnsp.go.id",
          "Fasilitator Advokasi LSP"),
    _user("bksp", Role.BKSP, "Asep Saepudin", "asep.saepudin@bksp-jabar.go.id",
          "Sekretariat BKSP Provinsi Jawa Barat", provinsi="Jawa Barat"),
    _user("pimpinan", Role.PIMPINAN, "Hendra Wijaya", "hendra.wijaya@bnsp.go.id",
          "Anggota BNSP"),
]  # fmt: skip


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def license_end(start: date) -> date:
    """A BNSP license runs five years: the day before the fifth anniversary of its issue."""
    return add_years(start, LICENSE_YEARS) - timedelta(days=1)


def city_info(kota: str) -> tuple[str, str, str]:
    """(province, phone area code, postal-code prefix) of a city in CITIES or a capital."""
    if kota in CITIES:
        return CITIES[kota]
    for provinsi, (capital, area, kode_pos, _slug) in PROVINCES.items():
        if capital == kota:
            return provinsi, area, kode_pos[:3]
    raise KeyError(f"Unknown city in demo data: {kota}")


def _lsp_contact(jenis: str, nama: str, code: str) -> tuple[str, str]:
    """(website, e-mail): P1 on its school's or campus's domain, P2 on its company's."""
    if jenis == Lsp.JenisLsp.P3:
        return f"https://lsp-{code}.or.id", f"sekretariat@lsp-{code}.or.id"
    if jenis == Lsp.JenisLsp.P2:
        domain = f"{code}.co.id"
    else:
        domain = f"{code}.sch.id" if "SMK" in nama else f"{code}.ac.id"
    return f"https://lsp.{domain}", f"lsp@{domain}"


class _Generator:
    """Draws every random value from one seeded generator, always in the same order."""

    def __init__(self, today: date, seed: int):
        self.today = today
        self.rng = random.Random(seed)

    def person(self, degree: bool = False) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            first, last = rng.choice(MALE_FIRST), rng.choice(MALE_LAST + MARGA)
        else:
            first, last = rng.choice(FEMALE_FIRST), rng.choice(FEMALE_LAST + MARGA)
        return f"{first} {last}{rng.choice(DEGREES) if degree else ''}"

    def street(self) -> str:
        return f"{self.rng.choice(STREETS)} No. {self.rng.randint(1, 250)}"

    def telepon(self, area: str) -> str:
        """An office number: Jakarta has 8 digits, other areas 7 or 6 (four-digit area codes)."""
        if area == "021":
            return f"({area}) {self.rng.randint(2000, 8999)} {self.rng.randint(1000, 9999)}"
        digits = 6 if len(area) == 4 else 7
        return f"({area}) {self.rng.randint(2 * 10 ** (digits - 1), 10**digits - 1)}"

    def sasaran(self, jenis: str, nama: str, kota: str, email: str, website: str = ""):
        provinsi, area, postal = city_info(kota)
        return SasaranSpec(
            jenis=jenis,
            nama=nama,
            provinsi=provinsi,
            kabupaten_kota=kota,
            alamat=self.street(),
            kode_pos=f"{postal}{self.rng.randint(11, 99)}",
            telepon=self.telepon(area),
            email=email,
            narahubung=self.person(),
            website=website,
        )

    def bksp(self) -> list[SasaranSpec]:
        return [
            SasaranSpec(
                jenis=Sasaran.Jenis.BKSP,
                nama=f"BKSP Provinsi {provinsi}",
                provinsi=provinsi,
                kabupaten_kota=capital,
                # BKSP secretariats are usually housed by the provincial manpower office.
                alamat=f"Kantor Dinas Tenaga Kerja Provinsi {provinsi}, {self.street()}",
                kode_pos=kode_pos,
                telepon=self.telepon(area),
                email=f"sekretariat@bksp-{slug}.go.id",
                narahubung=self.person(),
                website=f"https://bksp-{slug}.go.id",
            )
            for provinsi, (capital, area, kode_pos, slug) in PROVINCES.items()
        ]

    def statuses(self, count: int) -> list[str]:
        """License statuses in STATUS_SHARES proportions, shuffled."""
        statuses = []
        for status, share in STATUS_SHARES[1:]:
            statuses += [status] * round(count * share)
        statuses += [STATUS_SHARES[0][0]] * (count - len(statuses))
        self.rng.shuffle(statuses)
        return statuses

    def lsps(self) -> list[LspSpec]:
        rows = [(sektor, *row) for sektor, table in LSPS.items() for row in table]
        rng = self.rng
        numbers = rng.sample(range(100, 2500), len(rows))
        statuses = self.statuses(len(rows))
        kan_count = 0
        specs = []
        for (sektor, jenis, nama, kota, code), number, status in zip(
            rows, numbers, statuses, strict=True
        ):
            nama = nama if jenis == Lsp.JenisLsp.P3 else f"LSP {jenis} {nama}"
            website, email = _lsp_contact(jenis, nama, code)
            start = self.today - timedelta(days=rng.randint(*LICENSE_AGE_DAYS[status]))
            nomor_kan, kan_until = "", None
            if rng.random() < KAN_SHARE[jenis]:
                kan_count += 1
                nomor_kan = f"LSP-{kan_count:03d}-IDN"
                kan_until = self.today + timedelta(days=rng.randint(-60, 4 * 365))
            month = ROMAN_MONTHS[start.month - 1]
            specs.append(
                LspSpec(
                    sasaran=self.sasaran(Sasaran.Jenis.LSP, nama, kota, email, website),
                    jenis_lsp=jenis,
                    nomor_lisensi=f"BNSP-LSP-{number:04d}-ID",
                    nomor_sk=f"KEP.{rng.randint(100, 2500)}/BNSP/{month}/{start.year}",
                    tanggal_lisensi=start,
                    tanggal_kedaluwarsa=license_end(start),
                    nomor_akreditasi_kan=nomor_kan,
                    kan_berlaku_sampai=kan_until,
                    sektor=sektor,
                    jumlah_skema=rng.randint(*SKEMA_RANGE[jenis]),
                )
            )
        return specs

    def tuks(self, lsp: LspSpec) -> list[TukSpec]:
        """The TUKs of one LSP, all in its province; the first in the LSP's own city."""
        rng = self.rng
        # Most LSPs have one to four TUKs; a few have none registered yet.
        count = 0 if rng.random() < 0.1 else rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        number = lsp.nomor_lisensi.split("-")[2]
        home = lsp.sasaran.kabupaten_kota
        base = lsp.sasaran.nama.removeprefix("LSP P1 ").removeprefix("LSP P2 ")
        provinsi = lsp.sasaran.provinsi
        cities = [home, PROVINCES[provinsi][0]]
        cities += [kota for kota, info in CITIES.items() if info[0] == provinsi]
        used_sites = set()
        specs = []
        for index in range(1, count + 1):
            jenis_tuk = rng.choices(list(TUK_SITES), weights=TUK_WEIGHTS[lsp.jenis_lsp])[0]
            site = rng.choice([s for s in TUK_SITES[jenis_tuk] if s not in used_sites])
            used_sites.add(site)
            kota = home if index == 1 else rng.choice(cities)
            nama = f"TUK {site} {base}"
            if kota != home:
                nama += " " + kota.removeprefix("Kota ").removeprefix("Kabupaten ")
            nomor, berlaku = "", None
            if rng.random() < 0.6:
                nomor = f"VER.{rng.randint(10, 999):03d}/LSP-{number}/{lsp.tanggal_lisensi.year}"
                berlaku = self.today + timedelta(days=rng.randint(-30, 3 * 365))
                berlaku = min(berlaku, lsp.tanggal_kedaluwarsa)
            specs.append(
                TukSpec(
                    sasaran=self.sasaran(Sasaran.Jenis.TUK, nama, kota, lsp.sasaran.email),
                    lsp_nomor_lisensi=lsp.nomor_lisensi,
                    kode=f"TUK-{number}-{index:02d}",
                    jenis_tuk=jenis_tuk,
                    penanggung_jawab=self.person(degree=True),
                    nomor_lisensi=nomor,
                    berlaku_sampai=berlaku,
                )
            )
        return specs

    def stakeholders(self) -> list[SasaranSpec]:
        return [
            self.sasaran(jenis, nama, kota, f"sekretariat@{domain}", f"https://{domain}")
            for jenis, table in STAKEHOLDERS.items()
            for nama, kota, domain in table
        ]


def build(today: date, seed: int = SEED) -> DemoData:
    """All demo records; the same on every machine for a given `today`."""
    generator = _Generator(today, seed)
    lsps = generator.lsps()
    return DemoData(
        bksp=generator.bksp(),
        lsp=lsps,
        tuk=[tuk for lsp in lsps for tuk in generator.tuks(lsp)],
        stakeholders=generator.stakeholders(),
        users=list(USERS),
    )
