# ruff: noqa: E501 — the catalogue is Italian prose, clearer unwrapped.
"""Demo seed: the map of the network — services, their places and times, and the community's places.

Synthetic and illustrative: public bodies carry their institutional names,
everything else (parishes, cooperatives, associations, addresses, times,
places free) is invented. Services are located at their organisation's
sites with the precision of those sites (neighbourhood or municipality
centre), never pretending to an exact door.
"""

import datetime

from django.utils import timezone

from intreccio.core.seeding import SeedContext, seeder
from intreccio.organisations.actions import create_organisation
from intreccio.organisations.models import Organisation
from intreccio.territory.models import MicroTerritory

from .actions import (
    add_closure,
    add_schedule,
    create_activity,
    create_location,
    create_service,
    flag_stale_entries,
    link_service_to_location,
    load_needs_taxonomy,
    save_translation,
    update_capacity,
)
from .models import CoordinatesPrecision, Location, Need, Service

K = Organisation.Kind
P = Location.PlaceKind

WEEKDAYS = "MO,TU,WE,TH,FR"


def S(name, needs, *, description, eligibility="", apply="", free=True, fees="", ages=(None, None),
      languages=("it",), hours=(), capacity=None, site=None, translations=None):  # fmt: skip
    """A service of the catalogue; hours are (byday, opens, closes) or ("1WE", …) for monthly."""
    return {
        "name": name,
        "needs": needs,
        "description": description,
        "eligibility": eligibility,
        "apply": apply,
        "free": free,
        "fees": fees,
        "ages": ages,
        "languages": languages,
        "hours": hours,
        "capacity": capacity,
        "site": site,
        "translations": translations or {},
    }


CENTRO_ASCOLTO_TRANSLATIONS = {
    "en": (
        "Listening centre",
        "We listen to anyone in difficulty, help to understand what can be done and "
        "accompany people to the right services. Food parcels and help with bills after an interview.",
    ),
    "ar": (
        "مركز الاستماع",
        "نستمع إلى كل من يمر بصعوبة، ونساعد على فهم ما يمكن فعله ونرافق الأشخاص إلى "
        "الخدمات المناسبة. طرود غذائية ومساعدة في الفواتير بعد مقابلة.",
    ),
    "fr": (
        "Centre d'écoute",
        "Nous écoutons toute personne en difficulté, aidons à comprendre ce qui peut être "
        "fait et accompagnons vers les bons services.",
    ),
    "uk": (
        "Центр вислуховування",
        "Ми вислуховуємо кожного, хто має труднощі, допомагаємо зрозуміти, що можна "
        "зробити, і супроводжуємо до потрібних служб.",
    ),
    "es": (
        "Centro de escucha",
        "Escuchamos a cualquier persona en dificultad y la acompañamos a los servicios adecuados.",
    ),
    "ro": (
        "Centru de ascultare",
        "Ascultăm orice persoană aflată în dificultate și o însoțim către serviciile potrivite.",
    ),
    "sq": (
        "Qendra e dëgjimit",
        "Dëgjojmë këdo që është në vështirësi dhe e shoqërojmë te shërbimet e duhura.",
    ),
}
EMPORIO_TRANSLATIONS = {
    "en": (
        "Solidarity grocery",
        "A free grocery shop with points on a card, for families sent by the "
        "listening centres and the social services.",
    ),
    "ar": (
        "متجر التضامن",
        "متجر مجاني يعمل بنقاط على بطاقة، للعائلات التي ترسلها مراكز الاستماع والخدمات الاجتماعية.",
    ),
    "uk": (
        "Соціальний магазин",
        "Безкоштовний магазин з балами на картці для сімей, направлених центрами та соціальними службами.",
    ),
    "fr": (
        "Épicerie solidaire",
        "Une épicerie gratuite avec des points sur une carte, pour les familles orientées par les services.",
    ),
}
SEGRETARIATO_TRANSLATIONS = {
    "en": (
        "Basic social service",
        "The municipality's social workers: information, guidance and support "
        "for individuals and families, economic aid, home care, help for older and disabled people.",
    ),
    "ar": (
        "الخدمة الاجتماعية الأساسية",
        "الأخصائيون الاجتماعيون في البلدية: معلومات وتوجيه ودعم للأفراد والأسر، "
        "ومساعدات مالية، ورعاية منزلية، ومساعدة لكبار السن وذوي الإعاقة.",
    ),
    "fr": (
        "Service social de base",
        "Les assistants sociaux de la commune : information, orientation et soutien.",
    ),
    "es": (
        "Servicio social de base",
        "Los trabajadores sociales del municipio: información, orientación y apoyo.",
    ),
    "uk": (
        "Базова соціальна служба",
        "Соціальні працівники муніципалітету: інформація, консультації та підтримка.",
    ),
    "ro": ("Serviciul social de bază", "Asistenții sociali ai primăriei: informare, orientare și sprijin."),
    "sq": ("Shërbimi social bazë", "Punonjësit socialë të bashkisë: informim, orientim dhe mbështetje."),
}
DORMITORIO_TRANSLATIONS = {
    "en": ("Night shelter", "Beds for the night for homeless people, with dinner and breakfast."),
    "ar": ("مأوى ليلي", "أسرّة للمبيت للأشخاص بلا مأوى، مع العشاء والفطور."),
    "uk": ("Нічний притулок", "Ліжка на ніч для бездомних людей, з вечерею та сніданком."),
    "ro": ("Adăpost de noapte", "Paturi pentru noapte pentru persoanele fără adăpost, cu cină și mic dejun."),
}
ITALIANO_TRANSLATIONS = {
    "en": (
        "Italian school",
        "Free Italian classes for adults, from beginners to the A2 certificate, with a "
        "creche for the children of mothers attending.",
    ),
    "ar": (
        "مدرسة اللغة الإيطالية",
        "دروس مجانية في اللغة الإيطالية للكبار، من المبتدئين حتى شهادة A2، مع حضانة لأطفال الأمهات.",
    ),
    "uk": (
        "Школа італійської мови",
        "Безкоштовні курси італійської для дорослих, від початкового рівня до сертифіката A2.",
    ),
    "fr": ("École d'italien", "Cours d'italien gratuits pour adultes, du niveau débutant au certificat A2."),
    "es": (
        "Escuela de italiano",
        "Clases gratuitas de italiano para adultos, del nivel inicial al certificado A2.",
    ),
    "ro": (
        "Școala de italiană",
        "Cursuri gratuite de italiană pentru adulți, de la începători la certificatul A2.",
    ),
    "sq": (
        "Shkolla e italishtes",
        "Kurse falas të italishtes për të rritur, nga fillestarët deri te certifikata A2.",
    ),
}

# Organisation key prefix (see organisations/seed.py) → its services.
SERVICES = {
    "planning": [
        S(
            "Agenzia per l'abitare",
            ["housing", "homelessness"],
            description="Aiuta chi cerca casa a canone concordato e i proprietari che vogliono affittare con "
            "garanzie: fondo di garanzia, accompagnamento al contratto, mediazione con il proprietario.",
            eligibility="Residenti nell'ambito con un reddito ISEE fino a 26.000 euro.",
            apply="Su appuntamento, telefonando o passando allo sportello nelle ore di apertura.",
            hours=[("TU,TH", "09:00", "12:30"), ("WE", "14:00", "17:00")],
            capacity=("alloggi disponibili", 3, 12),
            site="Agenzia per l'abitare",
        ),
        S(
            "Fondo di solidarietà",
            ["income", "debt"],
            description="Piccoli contributi per spese impreviste (bollette, affitto, spese mediche) decisi da un "
            "comitato, dentro un progetto concordato con l'assistente sociale o il centro di ascolto.",
            eligibility="Su segnalazione di un servizio della rete.",
            apply="Non si fa domanda direttamente: chiedi al tuo assistente sociale o al centro di ascolto.",
        ),
    ],
    "caritas": [
        S(
            "Centro di ascolto",
            ["income", "food", "loneliness", "housing"],
            description="Ascoltiamo chiunque sia in difficoltà, aiutiamo a capire cosa si può fare e "
            "accompagniamo ai servizi giusti. Pacchi alimentari e aiuto per le bollette dopo un colloquio.",
            eligibility="Tutte le persone, con o senza documenti.",
            apply="Vieni senza appuntamento negli orari di apertura; porta un documento se lo hai.",
            languages=("it", "en", "fr", "ar", "es"),
            hours=[("MO,WE,FR", "09:00", "12:00"), ("TH", "15:00", "18:00")],
            site="Centro di ascolto cittadino",
            translations=CENTRO_ASCOLTO_TRANSLATIONS,
        ),
        S(
            "Emporio solidale",
            ["food"],
            description="Un supermercato gratuito con una tessera a punti, per famiglie inviate dai centri di "
            "ascolto e dai servizi sociali. Frutta, verdura, prodotti per l'igiene e per l'infanzia.",
            eligibility="Famiglie con tessera rilasciata dal centro di ascolto o dal servizio sociale.",
            apply="La tessera si chiede al centro di ascolto.",
            hours=[("TU,SA", "09:00", "12:00"), ("TH", "15:00", "18:00")],
            capacity=("tessere attive", 14, 180),
            site="Emporio solidale",
            translations=EMPORIO_TRANSLATIONS,
        ),
        S(
            "Sportello debiti",
            ["debt", "legal_advice"],
            description="Consulenza gratuita su debiti, rate, finanziarie e sovraindebitamento, con volontari "
            "esperti (ex bancari e commercialisti).",
            apply="Su appuntamento tramite il centro di ascolto.",
            hours=[("MO", "14:30", "17:30")],
            site="Centro di ascolto cittadino",
        ),
    ],
    "filo": [
        S(
            "Portineria sociale di quartiere",
            ["loneliness", "old_age"],
            description="Un portiere di quartiere che conosce le persone sole, fa piccole commissioni, "
            "ritira la spesa e i farmaci, e segnala a chi serve quando qualcosa non va.",
            apply="Passa in portineria o chiama: risponde una persona.",
            languages=("it", "ro", "uk"),
            hours=[(WEEKDAYS, "08:30", "12:30"), ("TU,TH", "15:00", "18:00")],
            site="Portineria sociale",
        ),
    ],
    "tessitura": [
        S(
            "Assistenza domiciliare",
            ["old_age", "disability"],
            description="Operatori socio-sanitari a casa per l'igiene personale, i pasti e la compagnia, "
            "su progetto del servizio sociale comunale.",
            eligibility="Persone anziane o con disabilità con progetto del servizio sociale.",
            apply="La domanda si presenta al servizio sociale del proprio comune.",
            free=False,
            fees="Contributo in base all'ISEE secondo il regolamento comunale.",
            capacity=("ore settimanali libere", 0, 420),
            site="Servizio di assistenza domiciliare",
        ),
        S(
            "Centro diurno",
            ["old_age", "disability"],
            description="Centro diurno per anziani: attività, pranzo, ginnastica dolce, trasporto.",
            eligibility="Persone dai 65 anni, anche con fragilità.",
            ages=(65, None),
            free=False,
            fees="Retta giornaliera di 28 euro, riducibile in base all'ISEE.",
            hours=[(WEEKDAYS, "08:30", "17:00")],
            capacity=("posti", 4, 30),
            site="Centro diurno",
        ),
    ],
    "telaio": [
        S(
            "Inserimento lavorativo (cooperativa di tipo B)",
            ["work"],
            description="Tirocini e assunzioni in cooperativa (manutenzione del verde, pulizie, "
            "assemblaggio) per persone in difficoltà, con un tutor.",
            eligibility="Persone segnalate dai servizi sociali, dal SerD, dal CPS o dal Centro per l'impiego.",
            ages=(18, 65),
            hours=[(WEEKDAYS, "08:00", "16:00")],
            capacity=("posti di tirocinio", 2, 15),
            site="Laboratorio di inserimento lavorativo",
        ),
    ],
    "casacomune": [
        S(
            "Accoglienza notturna",
            ["homelessness"],
            description="Posti letto per la notte per persone senza dimora, con cena e colazione, docce e "
            "guardaroba. Nei mesi freddi i posti aumentano con il piano freddo.",
            eligibility="Persone maggiorenni senza una casa.",
            ages=(18, None),
            apply="Accesso diretto la sera dalle 19:30, o su invio dell'unità di strada.",
            languages=("it", "en", "fr", "ar"),
            hours=[("MO,TU,WE,TH,FR,SA,SU", "19:30", "23:00")],
            capacity=("posti letto", 3, 24),
            site="Dormitorio e accoglienza notturna",
            translations=DORMITORIO_TRANSLATIONS,
        ),
        S(
            "Housing first",
            ["homelessness", "housing"],
            description="Un appartamento subito, e poi il resto: un'équipe accompagna chi è stato a lungo per "
            "strada a vivere in una casa propria.",
            eligibility="Persone senza dimora da lungo tempo, su valutazione dell'équipe.",
            capacity=("appartamenti", 0, 8),
            site="Dormitorio e accoglienza notturna",
        ),
        S(
            "Unità di strada",
            ["homelessness", "addiction"],
            description="Operatori e volontari che la sera incontrano le persone che vivono in strada: "
            "bevande calde, coperte, ascolto e accompagnamento ai servizi.",
            hours=[("MO,WE,FR", "20:30", "23:30")],
            site="Unità di strada",
        ),
    ],
    "mondoinsieme": [
        S(
            "Scuola di italiano",
            ["language"],
            description="Corsi gratuiti di italiano per adulti, dal livello principiante alla certificazione A2, "
            "con baby-sitting per i figli delle mamme che frequentano.",
            eligibility="Adulti stranieri, anche senza permesso di soggiorno.",
            ages=(16, None),
            languages=("it", "ar", "uk", "en", "fr", "sq"),
            hours=[("MO,WE", "09:30", "11:30"), ("TU,TH", "18:30", "20:30")],
            capacity=("posti nei corsi", 11, 90),
            site="Sportello stranieri e scuola di italiano",
            translations=ITALIANO_TRANSLATIONS,
        ),
        S(
            "Sportello stranieri",
            ["legal_status", "legal_advice"],
            description="Informazioni e aiuto per permesso di soggiorno, ricongiungimento familiare, "
            "cittadinanza, iscrizione al servizio sanitario.",
            languages=("it", "ar", "en", "fr", "uk", "ro", "sq"),
            hours=[("TU", "14:00", "18:00"), ("SA", "09:00", "12:00")],
            site="Sportello stranieri e scuola di italiano",
        ),
    ],
    "donne": [
        S(
            "Centro antiviolenza",
            ["violence"],
            description="Ascolto, consulenza legale e psicologica, ospitalità in casa rifugio per donne che "
            "subiscono violenza e per i loro figli. Riservato e gratuito; numero nazionale 1522 sempre attivo.",
            eligibility="Donne che vivono o hanno vissuto violenza.",
            languages=("it", "en", "ar", "es", "ro"),
            hours=[(WEEKDAYS, "09:00", "17:00")],
            site="Sportello antiviolenza",
        ),
    ],
    "anziani": [
        S(
            "Compagnia e telefonate amiche",
            ["loneliness", "old_age"],
            description="Volontari che telefonano ogni settimana agli anziani soli e, se vogliono, li vanno a "
            "trovare o li accompagnano a una visita.",
            ages=(65, None),
            hours=[("TU,TH", "09:30", "11:30")],
            site="Punto di ascolto anziani",
        ),
    ],
    "asst": [
        S(
            "Centro psicosociale (CPS)",
            ["mental_health"],
            description="Il servizio pubblico per la salute mentale degli adulti: visite psichiatriche, "
            "colloqui psicologici, progetti di cura e di inserimento.",
            ages=(18, None),
            apply="Accesso diretto o con impegnativa del medico di base.",
            hours=[(WEEKDAYS, "08:30", "16:30")],
            site="Centro psicosociale (CPS)",
        ),
        S(
            "Servizio per le dipendenze (SerD)",
            ["addiction"],
            description="Cura di dipendenze da alcol, sostanze, gioco d'azzardo. Anche in forma anonima.",
            apply="Accesso diretto, anche anonimo, senza impegnativa.",
            hours=[(WEEKDAYS, "08:30", "16:00")],
            site="Servizio per le dipendenze (SerD)",
        ),
        S(
            "Consultorio familiare",
            ["health", "education_minors", "violence"],
            description="Salute della donna, gravidanza, contraccezione, sostegno alla genitorialità, "
            "consulenza di coppia e familiare.",
            languages=("it", "en", "ar"),
            hours=[("MO,WE", "09:00", "16:00"), ("FR", "09:00", "13:00")],
            site="Consultorio familiare",
        ),
        S(
            "Infermieri di famiglia e comunità",
            ["health", "old_age"],
            description="Infermieri che seguono a casa e in ambulatorio le persone con malattie croniche e "
            "le loro famiglie.",
            hours=[(WEEKDAYS, "08:00", "15:00")],
            site="Infermieri di famiglia e comunità",
            capacity=None,
        ),
        S(
            "Punto unico di accesso (PUA)",
            ["old_age", "disability", "health"],
            description="Un solo sportello per assistenza domiciliare integrata, ausili, invalidità civile e "
            "valutazione dei bisogni socio-sanitari.",
            hours=[(WEEKDAYS, "09:00", "12:30")],
            site="Casa di Comunità di Lecco",
        ),
    ],
    "aler": [
        S(
            "Assegnazione alloggi SAP",
            ["housing"],
            description="Informazioni sui bandi per le case popolari (servizi abitativi pubblici) e "
            "sull'assegnazione degli alloggi.",
            eligibility="Requisiti del bando regionale (ISEE fino a 16.000 euro).",
            apply="La domanda si presenta online sulla piattaforma regionale durante i bandi; allo sportello "
            "ti aiutiamo a compilarla.",
            hours=[("TU,TH", "09:00", "12:00")],
            site="Sportello inquilini",
        ),
        S(
            "Sportello morosità incolpevole",
            ["housing", "debt"],
            description="Aiuto per chi non riesce più a pagare l'affitto per perdita del lavoro o malattia: "
            "contributi e piani di rientro.",
            hours=[("WE", "09:00", "12:00")],
            site="Sportello inquilini",
        ),
    ],
    "cpi": [
        S(
            "Orientamento e politiche attive",
            ["work"],
            description="Iscrizione come disoccupati, orientamento, corsi, offerte di lavoro e tirocini; "
            "programma GOL.",
            ages=(16, None),
            apply="Su appuntamento o con SPID sul portale regionale.",
            languages=("it", "en"),
            hours=[(WEEKDAYS, "09:00", "12:30"), ("TU", "14:00", "16:00")],
            site="Sportello lavoro",
        ),
    ],
}
MUNICIPAL_SERVICES = [
    S(
        "Servizio sociale di base",
        ["income", "housing", "old_age", "education_minors", "disability"],
        description="Le assistenti sociali del comune: informazioni, orientamento e sostegno per persone e "
        "famiglie, contributi economici, assistenza domiciliare, aiuti per anziani e persone con disabilità.",
        eligibility="Residenti nel comune, e chi vi si trova in una situazione di urgenza.",
        apply="Su appuntamento, o senza appuntamento negli orari di apertura del segretariato sociale.",
        hours=[("MO,WE", "09:00", "12:00"), ("TH", "14:30", "17:00")],
        translations=SEGRETARIATO_TRANSLATIONS,
    ),
    S(
        "Iscrizione anagrafica e residenza fittizia",
        ["residence"],
        description="Iscrizione all'anagrafe, anche per chi non ha una casa (residenza in via fittizia), per "
        "accedere a medico, servizi sociali e voto.",
        apply="All'ufficio anagrafe, con un documento se lo hai.",
        hours=[("MO,TU,WE,TH,FR", "09:00", "12:00")],
    ),
    S(
        "Tutela minori",
        ["minors_protection"],
        description="Servizio per i minori e le famiglie su mandato del Tribunale per i minorenni.",
        apply="Su invio dell'autorità giudiziaria o dei servizi.",
    ),
]

# Places of the community per micro-territory: (kind, name pattern, description, activities).
# Activities: (name, description, hours) with hours as for services.
PLACES = [
    (
        P.ORATORY,
        "Oratorio {where}",
        "Cortile, campo da calcio e sale per ragazzi e famiglie della parrocchia.",
        [
            (
                "Doposcuola",
                "Aiuto nei compiti per ragazzi delle medie, con volontari.",
                [("MO,WE,FR", "14:30", "17:00")],
            ),
            (
                "Tè delle mamme",
                "Un pomeriggio insieme per mamme con bambini piccoli, anche straniere.",
                [("TH", "15:30", "17:30")],
            ),
        ],
    ),
    (
        P.LIBRARY,
        "Biblioteca {where}",
        "Libri in più lingue, quotidiani, computer e wifi gratuiti, sala studio.",
        [
            (
                "Gruppo di conversazione in italiano",
                "Per chi sta imparando l'italiano: si chiacchiera insieme.",
                [("TU", "17:00", "18:30")],
            ),
            (
                "Letture per bambini",
                "Storie ad alta voce per bambini dai 3 ai 6 anni.",
                [("1SA", "10:30", "11:30")],
            ),
        ],
    ),
    (
        P.MEETING_PLACE,
        "Spazio di quartiere {where}",
        "Una sala aperta al quartiere: si prende un caffè, si "
        "conosce qualcuno, si organizza qualcosa insieme.",
        [
            (
                "Caffè sospeso e chiacchiere",
                "Il caffè lo offre chi può: si sta insieme.",
                [("MO,WE,FR", "09:30", "11:30")],
            ),
            (
                "Riparazioni insieme",
                "Si aggiustano biciclette e piccoli elettrodomestici.",
                [("2SA", "09:00", "12:00")],
            ),
        ],
    ),
    (
        P.SPORTS_FACILITY,
        "Palestra comunale {where}",
        "Palestra e campo all'aperto; con la «palestra sospesa» "
        "chi può paga un ingresso anche per chi non può.",
        [
            (
                "Gruppo di cammino",
                "Si cammina insieme per un'ora, a passo tranquillo.",
                [("TU,TH", "09:00", "10:00")],
            )
        ],
    ),
    (
        P.UNUSUAL_PLACE,
        "Lavanderia di quartiere {where}",
        "Mentre la lavatrice gira, il giovedì mattina c'è la "
        "portinaia sociale: un posto insolito per chiedere una mano.",
        [
            (
                "La portinaia in lavanderia",
                "La portinaia sociale è qui per ascoltare e orientare.",
                [("TH", "09:00", "11:00")],
            )
        ],
    ),
]
COMMUNITY_HOUSE_ACTIVITIES = [
    (
        "Incontri per neo-genitori",
        "Ostetrica e pediatra rispondono alle domande dei genitori.",
        [("1WE", "10:00", "12:00")],
    ),
    (
        "Caffè Alzheimer",
        "Per persone con demenza e chi le assiste: musica, chiacchiere, consigli.",
        [("-1FR", "15:00", "17:00")],
    ),
]


def _hours(spec):
    """(byday, opens, closes) → schedule values (monthly when the days carry an ordinal)."""
    byday, opens, closes = spec
    monthly = any(part[:-2] for part in byday.split(","))
    return {
        "freq": "MONTHLY" if monthly else "WEEKLY",
        "byday": byday,
        "opens_at": datetime.time.fromisoformat(opens),
        "closes_at": datetime.time.fromisoformat(closes),
    }


def _precision(site, micro) -> str:
    if micro.latitude is not None and site.latitude == micro.latitude:
        return CoordinatesPrecision.MICRO_TERRITORY
    return CoordinatesPrecision.MUNICIPALITY


def _location_for_site(site, cache: dict) -> Location:
    if site.pk in cache:
        return cache[site.pk]
    postcode = (site.municipality.postcodes or [""])[0]
    location = create_location(
        actor=None,
        organisation=site.organisation,
        site=site,
        name=site.name,
        municipality=site.municipality,
        micro_territory=site.micro_territory,
        latitude=site.latitude,
        longitude=site.longitude,
        coordinates_precision=_precision(site, site.micro_territory),
        step_free_access=site.pk % 3 != 0,
        accessibility_description="Ingresso al piano terra senza gradini." if site.pk % 3 else "",
        address={
            "address_1": site.address,
            "city": site.municipality.name,
            "state_province": site.municipality.province_code,
            "postal_code": postcode,
            "country": "IT",
        },
    )
    cache[site.pk] = location
    return location


def _add_service(organisation, entry, needs, micros, sites, locations, context) -> Service:
    service = create_service(
        organisation,
        actor=None,
        name=entry["name"],
        description=entry["description"],
        eligibility_description=entry["eligibility"],
        application_process=entry["apply"],
        free_of_charge=entry["free"],
        fees_description=entry["fees"],
        minimum_age=entry["ages"][0],
        maximum_age=entry["ages"][1],
        email=organisation.email,
        phone=organisation.phone,
        needs=[needs[code] for code in entry["needs"]],
        micro_territories=micros,
        languages=entry["languages"],
    )
    site = next((s for s in sites if s.name == entry["site"]), sites[0] if sites else None)
    if site is not None:
        link = link_service_to_location(service, _location_for_site(site, locations), actor=None)
        for spec in entry["hours"]:
            add_schedule(link, actor=None, **_hours(spec))
    if entry["capacity"]:
        unit, available, maximum = entry["capacity"]
        available = max(0, min(maximum, available + context.rng.randint(-2, 2)))
        update_capacity(service, actor=None, unit=unit, available=available, maximum=maximum)
    for language, (name, description) in entry["translations"].items():
        save_translation(service, language, actor=None, name=name, description=description)
    return service


def _parish_of(context, district, micro, organisations) -> Organisation:
    key = f"parish:{micro.code}"
    if key not in organisations:
        where = micro.name.split("– ")[-1].split(",")[0]
        organisations[key] = create_organisation(
            actor=None,
            name=f"Parrocchia di San {context.rng.choice(['Nicolò', 'Giovanni', 'Martino', 'Giorgio', 'Ambrogio'])} – {where}",
            kind=K.CHARITY,
            district=district,
            email=f"parrocchia.{micro.code}@demo.intreccio.it",
            micro_territories=[micro],
        )
    return organisations[key]


def _seed_places(context, district, micros, organisations) -> int:
    count = 0
    for micro in micros:
        municipalities = list(micro.municipalities.order_by("name"))
        where = (
            micro.name.split("– ")[-1]
            if micro.kind == MicroTerritory.Kind.NEIGHBOURHOOD
            else municipalities[0].name
        )
        main = municipalities[0]
        comune = organisations.get(f"municipality:{main.istat_code}")
        for index, (kind, pattern, description, activities) in enumerate(PLACES):
            owner = _parish_of(context, district, micro, organisations) if kind == P.ORATORY else comune
            if kind == P.UNUSUAL_PLACE:
                owner = organisations.get(f"filo:{district.code}")
            latitude = (micro.latitude or main.latitude) + 0.002 * (index - 2)
            longitude = (micro.longitude or main.longitude) + 0.002 * ((index % 3) - 1)
            place = create_location(
                actor=None,
                organisation=owner,
                name=pattern.format(where=where),
                place_kind=kind,
                description=description,
                municipality=main,
                micro_territory=micro,
                latitude=latitude,
                longitude=longitude,
                coordinates_precision=CoordinatesPrecision.MICRO_TERRITORY,
                step_free_access=kind != P.ORATORY,
                languages=["it", "en"] if kind == P.LIBRARY else [],
                address={
                    "address_1": f"via {context.rng.choice(['Roma', 'dei Mille', 'Santo Stefano', 'Belvedere', 'alla Chiesa'])} {context.rng.randint(1, 60)}",
                    "city": main.name,
                    "state_province": main.province_code,
                    "postal_code": (main.postcodes or [""])[0],
                    "country": "IT",
                },
            )
            for name, activity_description, hours in activities:
                activity = create_activity(
                    place, actor=None, name=name, description=activity_description, organisation=owner
                )
                for spec in hours:
                    add_schedule(activity, actor=None, **_hours(spec))
            count += 1
    return count


def _seed_community_houses(context, organisations) -> int:
    asst = next((o for key, o in organisations.items() if key.startswith("asst:")), None)
    if asst is None:
        return 0
    count = 0
    for site in asst.sites.filter(access_point_kind="community_house").select_related(
        "municipality", "micro_territory"
    ):
        place = _location_for_site(site, {})
        place.place_kind = P.COMMUNITY_HOUSE
        Location.objects.filter(pk=place.pk).update(
            place_kind=P.COMMUNITY_HOUSE,
            description="La Casa di Comunità riunisce medici, infermieri, assistenti sociali e associazioni: "
            "il posto dove chiedere per la salute e per il resto.",
        )
        for name, description, hours in COMMUNITY_HOUSE_ACTIVITIES:
            activity = create_activity(
                place, actor=None, name=name, description=description, organisation=asst
            )
            for spec in hours:
                add_schedule(activity, actor=None, **_hours(spec))
        count += 1
    return count


def _backdate_verification(context) -> None:
    """Give the demo a history of checks: what verify_service writes, with synthetic past dates.

    A bulk path (no events) because the dates are invented; about one entry
    in eight was last checked more than six months ago, for the freshness flags.
    """
    now = timezone.now()
    for service in Service.objects.select_related("organisation").only("pk", "organisation__email"):
        days = context.rng.choice([5, 20, 45, 90, 120, 150, 200, 240])
        Service.objects.filter(pk=service.pk).update(
            last_verified_at=now - datetime.timedelta(days=days), assurer_email=service.organisation.email
        )
    for location in Location.objects.filter(organisation__isnull=False).only("pk"):
        days = context.rng.choice([10, 30, 60, 100, 150, 210])
        Location.objects.filter(pk=location.pk).update(last_verified_at=now - datetime.timedelta(days=days))


@seeder("directory", after=("organisations",))
def seed_directory(context: SeedContext) -> None:
    load_needs_taxonomy(actor=None)
    needs = {need.code: need for need in Need.objects.all()}
    organisations = context.shared["organisations"]
    locations: dict[int, Location] = {}
    count = 0
    items = sorted(organisations.items())
    for index, (key, organisation) in enumerate(items, start=1):
        prefix = key.split(":")[0]
        catalogue = MUNICIPAL_SERVICES if organisation.kind == K.MUNICIPALITY else SERVICES.get(prefix, [])
        if not catalogue:
            continue
        micros = list(organisation.micro_territories.all())
        sites = list(organisation.sites.select_related("municipality", "micro_territory").order_by("pk"))
        for entry in catalogue:
            _add_service(organisation, entry, needs, micros, sites, locations, context)
            count += 1
        context.progress("services", index, len(items))
    places = 0
    for district in context.shared["districts"]:
        micros = list(
            MicroTerritory.objects.filter(district=district)
            .prefetch_related("municipalities")
            .order_by("code")
        )
        places += _seed_places(context, district, micros, organisations)
    places += _seed_community_houses(context, organisations)
    closure_service = Service.objects.filter(name="Emporio solidale").first()
    if closure_service is not None:
        today = timezone.localdate()
        add_closure(
            closure_service,
            actor=None,
            starts_on=today.replace(month=8, day=8)
            if today.month < 8
            else today.replace(year=today.year + 1, month=8, day=8),
            ends_on=today.replace(month=8, day=22)
            if today.month < 8
            else today.replace(year=today.year + 1, month=8, day=22),
            reason="Chiusura estiva",
        )
    _backdate_verification(context)
    flagged = flag_stale_entries()
    context.stdout.write(
        f"  {len(needs)} needs, {count} services, {places} places, {sum(flagged.values())} entries to verify\n"
    )
