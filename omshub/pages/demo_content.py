"""The demo foundation's seed content, in English and Spanish, written for this site.

The Learn section's medical pages come from the JSON files in seed/ (see seed_loader.py).
Staff may edit all of this in the admin: the loader never overwrites a page that exists.
"""

from typing import Any

SETTINGS: dict[str, str] = {
    "name": "OMS Hub",
    "legal_name": "OMS Hub Foundation (demo)",
    "contact_email": "hello@example.org",
    "facebook_url": "https://www.facebook.com/example-oms-foundation",
    "twitter_url": "https://x.com/example_oms",
    "instagram_url": "https://www.instagram.com/example_oms",
    "youtube_url": "https://www.youtube.com/@example-oms",
}

CAMPAIGN_GOAL_CENTS = 25_000_000


def _p(*paragraphs: str) -> list[dict[str, Any]]:
    return [{"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}]


# Sources of the medical claims on the pages below (see shared content notes). A link goes
# to the paper itself (DOI or PubMed record); a source without a verified identifier has none.
SOURCES: dict[str, dict[str, str]] = {
    "rossor2022": {
        "label": "Rossor T, Yeh EA, Khakoo Y, et al. Diagnosis and management of opsoclonus-myoclonus-ataxia "
        "syndrome in children: an international perspective. Neurol Neuroimmunol Neuroinflamm 2022;9(3):e1153.",
        "url": "https://doi.org/10.1212/NXI.0000000000001153",
    },
    "pranzatelli2017": {
        "label": "Pranzatelli MR, Tate ED, McGee NR. Demographic, clinical, and immunologic features of 389 children "
        "with opsoclonus-myoclonus syndrome: a cross-sectional study. Front Neurol 2017;8:468.",
        "url": "https://doi.org/10.3389/fneur.2017.00468",
    },
    "hasegawa2015": {
        "label": "Hasegawa S, Matsushige T, Kajimoto M, et al. A nationwide survey of opsoclonus-myoclonus syndrome "
        "in Japanese children. Brain Dev 2015;37:656–660.",
        "url": "https://doi.org/10.1016/j.braindev.2014.10.010",
    },
    "pang2010": {
        "label": "Pang KK, de Sousa C, Lang B, Pike MG. A prospective study of the presentation and management of "
        "dancing eye syndrome/opsoclonus-myoclonus syndrome in the United Kingdom. Eur J Paediatr Neurol "
        "2010;14:156–161.",
        "url": "https://pubmed.ncbi.nlm.nih.gov/19423368/",
    },
    "brunklaus2011": {
        "label": "Brunklaus A, Pohl K, Zuberi SM, de Sousa C. Outcome and prognostic features in "
        "opsoclonus-myoclonus syndrome from infancy to adult life. Pediatrics 2011;128:e388–e394.",
        "url": "",
    },
    "brunklaus2012": {
        "label": "Brunklaus A, Pohl K, Zuberi SM, de Sousa C. Investigating neuroblastoma in childhood "
        "opsoclonus-myoclonus syndrome. Arch Dis Child 2012;97:461–463.",
        "url": "https://pubmed.ncbi.nlm.nih.gov/21460401/",
    },
    "pohl1996": {
        "label": "Pohl KRE, Pritchard J, Wilson J. Neurological sequelae of the dancing eye syndrome. "
        "Eur J Pediatr 1996;155:237–244.",
        "url": "",
    },
    "polsky2005": {
        "label": "Polsky D, Weiner J, Bale JF, Ashwal S, Painter MJ. Specialty care by child neurologists: "
        "a workforce analysis. Neurology 2005;64:942–948.",
        "url": "",
    },
    "kinsbourne1962": {
        "label": "Kinsbourne M. Myoclonic encephalopathy of infants. J Neurol Neurosurg Psychiatry 1962;25:271–276.",
        "url": "",
    },
    "pike2013": {
        "label": "Pike M. Opsoclonus-myoclonus syndrome. Handb Clin Neurol 2013;112:1209–1211.",
        "url": "",
    },
    "nord2023": {
        "label": "National Organization for Rare Disorders (NORD). Opsoclonus-myoclonus-ataxia syndrome. "
        "Rare disease report, updated October 2023.",
        "url": "https://rarediseases.org/rare-diseases/opsoclonus-myoclonus-syndrome",
    },
}


def _references(*keys: str) -> list[dict[str, Any]]:
    """A page's numbered references, in the order its text cites them as [1], [2]..."""
    return [{"type": "reference", "value": {k: v for k, v in SOURCES[key].items() if v}} for key in keys]


PAGES: dict[str, dict[str, dict[str, Any]]] = {
    "home": {
        "en": {
            "title": "Home",
            "slug": "home",
            "seo_title": "OMS Hub: dancing eyes, dancing feet — act early",
            "search_description": (
                "Plain-language help for families facing opsoclonus myoclonus syndrome (OMS), "
                "guidance on acting early, and a campaign for pediatric neurology."
            ),
            "hero_heading": "Dancing eyes, wobbly steps? Act early.",
            "hero_text": (
                "Opsoclonus myoclonus syndrome (OMS) is a rare condition of the nervous system that mostly "
                "affects toddlers [1][2]. Getting seen quickly matters: treatment started late has been linked "
                "to more lasting problems [3]. We help families understand it, act early and get care, and we "
                "raise money for children's neurology."
            ),
            "references": _references("pang2010", "pranzatelli2017", "hasegawa2015"),
            "primary_action_label": "Worried about your child?",
            "secondary_action_label": "Give to this year's campaign",
        },
        "es": {
            "title": "Inicio",
            "slug": "inicio",
            "seo_title": "OMS Hub: ojos que bailan, pies que bailan — actúe pronto",
            "search_description": (
                "Información clara para familias ante el síndrome de opsoclono-mioclono-ataxia (SOMA), "
                "orientación para actuar pronto y una campaña para la neurología pediátrica."
            ),
            "hero_heading": "¿Ojos que bailan, pasos inseguros? Actúe pronto.",
            "hero_text": (
                "El síndrome de opsoclono-mioclono-ataxia (SOMA; en inglés, OMS; no es la Organización Mundial de la "
                "Salud) es una enfermedad rara del sistema nervioso que "
                "afecta sobre todo a niños pequeños [1][2]. Que lo vean pronto importa: empezar el tratamiento "
                "tarde se ha relacionado con más secuelas [3]. Ayudamos a las familias a entenderlo, a actuar "
                "a tiempo y a recibir atención, y recaudamos fondos para la neurología infantil."
            ),
            "primary_action_label": "¿Le preocupa su hijo o hija?",
            "secondary_action_label": "Done a la campaña de este año",
        },
    },
    "learn": {
        "en": {
            "title": "Learn",
            "slug": "learn",
            "search_description": "Opsoclonus myoclonus syndrome explained in plain language, with sources.",
            "intro": "Clear answers about OMS, written for families, each with its sources. Start with what OMS is, "
            "or go straight to the question on your mind.",
        },
        "es": {
            "title": "Aprender",
            "slug": "aprender",
            "search_description": "El síndrome de opsoclono-mioclono-ataxia (SOMA) explicado con claridad y con fuentes.",
            "intro": "Respuestas claras sobre el síndrome de opsoclono-mioclono-ataxia (SOMA; en inglés, OMS; no es "
            "la Organización Mundial de la Salud), escritas para las familias y con sus fuentes. Empiece por qué "
            "es el SOMA, o vaya directo a la pregunta que tenga.",
        },
    },
    "help": {
        "en": {
            "title": "Get help now",
            "slug": "get-help-now",
            "search_description": "Worried about your child's eyes, balance or behavior? Check the signs, see how "
            "urgent it is, and make a letter for the doctor.",
            "intro": "Tick what you have noticed in your child. We will tell you how urgent it is and help you "
            "make a letter for the doctor. This takes about a minute.",
            "body": _p(
                "<b>While you wait to be seen:</b> take short phone videos of the eye movements, the wobbliness "
                "or the jerks, because they can come and go [3]. Write down when each sign started.",
            ),
            # The sources of the red flags and of their urgency (shared content notes, section 3.1).
            "references": _references(
                "pranzatelli2017",
                "kinsbourne1962",
                "pang2010",
                "nord2023",
                "pike2013",
                "pohl1996",
                "hasegawa2015",
                "brunklaus2012",
                "rossor2022",
            ),
        },
        "es": {
            "title": "Ayuda ahora",
            "slug": "ayuda-ahora",
            "search_description": "¿Le preocupan los ojos, el equilibrio o el comportamiento de su hijo? Revise las "
            "signos, vea qué tan urgente es y prepare una carta para el médico.",
            "intro": "Marque lo que ha notado en su hijo o hija. Le diremos qué tan urgente es y le ayudaremos a "
            "preparar una carta para el médico. Toma alrededor de un minuto.",
            "body": _p(
                "<b>Mientras espera la consulta:</b> grabe videos cortos con el teléfono de los movimientos de "
                "los ojos, la inestabilidad o las sacudidas, porque pueden ir y venir [3]. Anote cuándo empezó "
                "cada signo.",
            ),
        },
    },
    "donate": {
        "en": {
            "title": "Donate",
            "slug": "donate",
            "search_description": "Give to this year's campaign for pediatric neurology.",
            "intro": "Every gift helps children with OMS and other neurological conditions get seen sooner "
            "and treated well.",
        },
        "es": {
            "title": "Donar",
            "slug": "donar",
            "search_description": "Done a la campaña de este año para la neurología pediátrica.",
            "intro": "Cada donación ayuda a que los niños con síndrome de opsoclono-mioclono-ataxia (SOMA; en inglés, "
            "OMS; no es la Organización Mundial de la Salud) y otras enfermedades neurológicas sean "
            "atendidos antes y mejor.",
        },
    },
    "campaign": {
        "en": {
            "title": "Children's Hospital Los Angeles — Division of Neurology",
            "slug": "chla-neurology",
            "search_description": "This year's campaign for the Division of Neurology at Children's Hospital "
            "Los Angeles.",
            "beneficiary": "Children's Hospital Los Angeles, Division of Neurology",
            "summary": "Families can wait months to see a pediatric neurologist. This year we are raising money "
            "for the Division of Neurology at Children's Hospital Los Angeles, so more children are seen "
            "sooner.",
            "story": _p(
                "When a toddler's eyes start to dart and her steps become unsteady, every week counts. Yet in "
                "much of the country a family can wait many weeks, and sometimes months, for a first visit with a "
                "pediatric neurologist.",
                "Your gift supports the specialists, education and treatment programs of the Division of "
                "Neurology at Children's Hospital Los Angeles, which cares for children with OMS and many "
                "other conditions of the brain and nerves.",
            ),
        },
        "es": {
            "title": "Children's Hospital Los Angeles — División de Neurología",
            "slug": "chla-neurologia",
            "search_description": "La campaña de este año para la División de Neurología del Children's "
            "Hospital Los Angeles.",
            "beneficiary": "Children's Hospital Los Angeles, División de Neurología",
            "summary": "Las familias pueden esperar meses para ver a un neurólogo pediátrico. Este año "
            "recaudamos fondos para la División de Neurología del Children's Hospital Los Angeles, para que "
            "más niños sean atendidos antes.",
            "story": _p(
                "Cuando los ojos de una niña pequeña empiezan a moverse sin control y sus pasos se vuelven "
                "inseguros, cada semana cuenta. Sin embargo, en gran parte del país una familia puede esperar "
                "muchas semanas, y a veces meses, para una primera cita con un neurólogo pediátrico.",
                "Su donación apoya a los especialistas y a los programas de educación y tratamiento de la "
                "División de Neurología del Children's Hospital Los Angeles, que atiende a niños con síndrome de "
                "opsoclono-mioclono-ataxia (SOMA; en inglés, OMS; no es la Organización Mundial de la Salud) y "
                "con muchas otras enfermedades del cerebro y los nervios.",
            ),
        },
    },
    "involved": {
        "en": {
            "title": "Get involved",
            "slug": "get-involved",
            "search_description": "Ways to help: share, fundraise, volunteer and tell your family's story.",
            "intro": "Awareness saves time, and time matters with OMS. Here is how you can help.",
            "body": _p(
                "<b>Share what you learn.</b> A parent who has heard of OMS may ask for help sooner.",
                "<b>Fundraise with friends.</b> Personal and team fundraising pages are on their way.",
                "<b>Volunteer.</b> Write to us if you can help at events or with translation.",
            ),
        },
        "es": {
            "title": "Participe",
            "slug": "participe",
            "search_description": "Cómo ayudar: compartir, recaudar fondos, ser voluntario y contar su historia.",
            "intro": "Dar a conocer el síndrome de opsoclono-mioclono-ataxia (SOMA; en inglés, OMS; no es la "
            "Organización Mundial de la Salud) ahorra tiempo, y con el SOMA el tiempo importa. Así puede ayudar.",
            "body": _p(
                "<b>Comparta lo que aprende.</b> Un padre o una madre que ha oído hablar del SOMA puede pedir "
                "ayuda antes.",
                "<b>Recaude fondos con sus amigos.</b> Pronto habrá páginas personales y de equipo.",
                "<b>Sea voluntario.</b> Escríbanos si puede ayudar en eventos o con traducciones.",
            ),
        },
    },
    "about": {
        "en": {
            "title": "About us",
            "slug": "about",
            "search_description": "Who we are and why we work on opsoclonus myoclonus syndrome.",
            "intro": "We are parents, caregivers and friends of children with OMS. We know how frightening "
            "the first weeks are, and how much a quick diagnosis matters.",
            "body": _p(
                "OMS is rare: a study in the United Kingdom found about 1 new case a year for every 5 million "
                "people [1]. So many families have never heard of it, and many children are first told they "
                "have something else, most often a passing unsteadiness after a virus [2]. At its worst, OMS "
                "can leave a child unable to walk or talk for a time [2][3].",
                "There is no treatment yet that works for every child. With treatment, many children get much "
                "better. In one large study that followed children into adult life, about one in three ended "
                "up with no symptoms and normal learning, while others kept some problems with movement, "
                "speech, learning or behavior [4]. Treatment started early seems to give children the best "
                "chance [5].",
                "Yet families often wait weeks or months for a first visit with a child neurologist: in a "
                "national survey of US child neurologists, a new patient waited 53 days on average, and longer "
                "at university hospitals [6]. That is why we work on three things: making OMS known, helping "
                "families understand and cope with it, and raising money for pediatric neurology programs, "
                "specialists and treatment.",
                "This year our campaign supports the Division of Neurology at Children's Hospital Los Angeles.",
            ),
            "references": _references(
                "pang2010", "pranzatelli2017", "pohl1996", "brunklaus2011", "hasegawa2015", "polsky2005"
            ),
        },
        "es": {
            "title": "Quiénes somos",
            "slug": "quienes-somos",
            "search_description": "Quiénes somos y por qué trabajamos en el síndrome de opsoclono-mioclono-ataxia.",
            "intro": "Somos madres, padres, cuidadores y amigos de niños con síndrome de opsoclono-mioclono-ataxia "
            "(SOMA; en inglés, OMS; no es la Organización Mundial de la Salud). Sabemos lo que asustan las "
            "primeras semanas y cuánto importa un diagnóstico rápido.",
            "body": _p(
                "El SOMA es raro: un estudio del Reino Unido encontró alrededor de 1 caso nuevo al año por "
                "cada 5 millones de personas [1]. Por eso muchas familias nunca han oído hablar de él, y a "
                "muchos niños primero les dicen que tienen otra cosa, casi siempre una inestabilidad pasajera "
                "después de un virus [2]. En su peor momento, el SOMA puede dejar a un niño sin poder caminar "
                "ni hablar por un tiempo [2][3].",
                "Todavía no hay un tratamiento que funcione para todos los niños. Con tratamiento, muchos "
                "niños mejoran mucho. En un estudio grande que siguió a niños hasta la edad adulta, alrededor "
                "de uno de cada tres terminó sin síntomas y con un aprendizaje normal, mientras que otros "
                "siguieron con algunos problemas de movimiento, habla, aprendizaje o conducta [4]. Empezar el "
                "tratamiento pronto parece dar a los niños la mejor oportunidad [5].",
                "Sin embargo, las familias muchas veces esperan semanas o meses para una primera cita con un "
                "neurólogo infantil: en una encuesta nacional a neurólogos infantiles de Estados Unidos, un "
                "paciente nuevo esperaba 53 días en promedio, y más en los hospitales universitarios [6]. Por "
                "eso trabajamos en tres cosas: dar a conocer el SOMA, ayudar a las familias a entenderlo y "
                "sobrellevarlo, y recaudar fondos para programas, especialistas y tratamientos de neurología "
                "pediátrica.",
                "Este año nuestra campaña apoya a la División de Neurología del Children's Hospital Los Angeles.",
            ),
        },
    },
}

HOME_CARDS: dict[str, list[tuple[str, str, str, str]]] = {
    # (page key, heading, text, link text)
    "en": [
        ("learn", "What is OMS?", "Signs, causes and treatment, explained plainly, with sources.", "Learn"),
        ("help", "Worried tonight?", "What to watch for, when to go to a doctor, and what to ask.", "Get help"),
        ("involved", "Help us spread the word", "Share, fundraise or volunteer.", "Get involved"),
    ],
    "es": [
        (
            "learn",
            "¿Qué es el SOMA?",
            "Signos, causas y tratamiento, explicados con claridad y con fuentes.",
            "Aprender",
        ),
        ("help", "¿Le preocupa algo esta noche?", "Qué observar, cuándo ir al médico y qué preguntar.", "Pedir ayuda"),
        ("involved", "Ayúdenos a darlo a conocer", "Comparta, recaude fondos o sea voluntario.", "Participar"),
    ],
}
