"""Builds the bundled sample newsletter from the seed text and the drawn pictures.

Run ``python tools/build_sample.py`` after changing either; it rewrites
``resources/samples/north-sweden-2012-11/``. The seed is
``tools/seed/north-sweden-planet-2012.txt`` (see ``tools/seed/README.md``): the office's
November 2012 newsletter.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from make_sample_images import logo, portrait, seminar  # noqa: E402

from composer.model import (  # noqa: E402
    ImageStore,
    Newsletter,
    Organisation,
    Settings,
    make_block,
)
from composer.storage import document_bytes  # noqa: E402

OUT = ROOT / "resources" / "samples" / "north-sweden-2012-11"

BODY = """
<p>Torsdagen den 25 oktober presenterades SERN-projektet Planet och riktlinjer för framgångsrika
projekt på ett seminarium i Bryssel där Norrbotten är med som projektexempel.</p>
<p>SERN står för Sweden-Emilia-Romagna Network och är ett bilateralt nätverk mellan Sverige och
Italien. Projektet syftar till att stärka tjänstemäns kunskaper om projektplanering och hur man på
ett framgångsrikt sätt kan driva tematiska projekt vilket lett till ett flertal godkända projekt
inom EU:s program ”Ett Europa för medborgarna” (EFC). Planet delfinansieras med stöd från EFC och
har bland annat utbildat tjänstemän i projektkunskap. Totalt har tjänstemän från 5 länder –
Sverige, Italien, Finland, Spanien och Polen – deltagit i Planet som pågår under hela 2012.</p>
<p>Under seminariet presenterades även projektet Managing Networks of Twinned Towns (MaNTT) som
bland annat lett fram till en samling riktlinjer för hur man framgångsrikt kan bedriva projekt.
Norrbotten deltar i projektet med representanter från landstinget, kommunförbundet och 6 kommuner
(Piteå, Kalix, Boden, Älvsbyn, Arvidsjaur och Jokkmokk).</p>
<p>De inblandade parterna arbetar tillsammans för att stärka en uppsättning gemensamma principer och
skapa innovativa webbaserade verktyg som kan underlätta samordningen mellan aktörer som arbetar
över Europa, exempelvis genom en gemensam e-plattform.</p>
<p>Riktlinjerna finns tillgängliga för alla att ta del av och har också uppmärksammats i
EU-kommissionens publikation ”The Citizens Effect” som samlat 25 framgångsrika
samarbetsprojekt.</p>
<p><a href="https://www.northsweden.eu/nyheter/mantt-riktlinjer">Läs mer om MaNTT:s
riktlinjer</a></p>
"""

INTRO = """
<p>North Sweden arbetar för att norra Sverige ska få bästa förutsättningar att ta del av de
möjligheter som EU-medlemskapet ger och samtidigt på bästa sätt bidra till att utveckla Unionen.
Regionens styrkor och potential ska vara väl synliggjorda för EU:s beslutsfattare i de frågor som
påverkar regionen.</p>
"""


def build() -> None:
    images = ImageStore()
    with tempfile.TemporaryDirectory() as tmp:
        pictures = Path(tmp)
        seminar(pictures / "IMG_5383.jpg")
        logo(pictures / "logo.png")
        portrait(pictures / "portrait.jpg")
        photo = images.add((pictures / "IMG_5383.jpg").read_bytes(), "jpg", "IMG_5383.JPG")
        logo_ref = images.add((pictures / "logo.png").read_bytes(), "png", "north-sweden-logo.png")
        face = images.add((pictures / "portrait.jpg").read_bytes(), "jpg", "mikael-janson.jpg")

    settings = Settings(
        subject="Norra Sverige i EU – nyhetsbrev november 2012",
        preheader="SERN-projektet Planet presenterades i Bryssel, med Norrbotten som "
        "projektexempel.",
        language="sv",
        issue_date=dt.date(2012, 11, 1),
        sender_name="North Sweden European Office",
        sender_email="info@northsweden.eu",
        organisation=Organisation(
            name="North Sweden European Office",
            postal_address="Rue du Luxembourg 3\n1000 Bryssel, Belgien",
            website="https://www.northsweden.eu",
        ),
        unsubscribe_url="https://www.northsweden.eu/nyhetsbrev/avregistrera",
        web_version_url="https://www.northsweden.eu/nyhetsbrev/2012-11",
        theme="classic",
        accent_color="#1f5c99",
        logo=logo_ref,
        logo_alt="North Sweden European Office",
    )
    blocks = (
        make_block(
            "masthead",
            id="masthead",
            title="Norra Sverige i EU",
            tagline="Nyhetsbrev från North Sweden European Office · november 2012",
        ),
        make_block(
            "article",
            id="planet",
            category="Projekt",
            date=dt.date(2012, 11, 1),
            headline="Planet",
            image=photo,
            image_alt="Seminariedeltagare framför en filmduk där Planet-projektet presenteras.",
            image_caption="Seminariet om Planet och MaNTT i Bryssel den 25 oktober.",
            body=" ".join(BODY.split()).replace("> <", "><"),
            signature="/Johan Leymann",
            link_label="Läs mer om Planet-projektet",
            link_url="https://www.northsweden.eu/nyheter/planet",
        ),
        make_block("divider", id="divider-1", style="line"),
        make_block("text", id="office", heading="Norra Sverige i EU", body=" ".join(INTRO.split())),
        make_block(
            "contact",
            id="contact",
            heading="Mer information",
            label="Kontaktperson",
            name="Mikael Janson",
            role="North Sweden European Office",
            email="mikael.janson@northsweden.eu",
            photo=face,
            photo_alt="Mikael Janson",
        ),
    )
    newsletter = Newsletter(settings=settings, blocks=blocks)

    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "images").mkdir(parents=True)
    (OUT / "document.json").write_bytes(document_bytes(newsletter))
    for ref in newsletter.image_refs():
        (OUT / "images" / ref.filename).write_bytes(images.get(ref))
    print(f"Wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    build()
