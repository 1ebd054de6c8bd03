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
                "affects toddlers. Getting seen quickly matters. We help families understand it, act early "
                "and get care, and we raise money for children's neurology."
            ),
            "primary_action_label": "Worried about your child?",
            "secondary_action_label": "Give to this year's campaign",
        },
        "es": {
            "title": "Inicio",
            "slug": "inicio",
            "seo_title": "OMS Hub: ojos que bailan, pies que bailan — actúe pronto",
            "search_description": (
                "Información clara para familias ante el síndrome de opsoclonus-mioclonus (SOM), "
                "orientación para actuar pronto y una campaña para la neurología pediátrica."
            ),
            "hero_heading": "¿Ojos que bailan, pasos inseguros? Actúe pronto.",
            "hero_text": (
                "El síndrome de opsoclonus-mioclonus (OMS) es una enfermedad rara del sistema nervioso que "
                "afecta sobre todo a niños pequeños. Que lo vean pronto importa. Ayudamos a las familias a "
                "entenderlo, a actuar a tiempo y a recibir atención, y recaudamos fondos para la neurología "
                "infantil."
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
            "search_description": "El síndrome de opsoclonus-mioclonus explicado con claridad y con fuentes.",
            "intro": "Respuestas claras sobre el OMS, escritas para las familias y con sus fuentes. Empiece por qué es "
            "el OMS, o vaya directo a la pregunta que tenga.",
        },
    },
    "help": {
        "en": {
            "title": "Get help now",
            "slug": "get-help-now",
            "search_description": "Worried about your child's eyes, balance or behaviour? Check the signs, see how "
            "urgent it is, and make a letter for the doctor.",
            "intro": "Tick what you have noticed in your child. We will tell you how urgent it is and help you "
            "make a letter for the doctor. This takes about a minute.",
            "body": _p(
                "<b>While you wait to be seen:</b> take short phone videos of the eye movements, the wobbliness "
                "or the jerks, because they can come and go. Write down when each sign started.",
            ),
        },
        "es": {
            "title": "Ayuda ahora",
            "slug": "ayuda-ahora",
            "search_description": "¿Le preocupan los ojos, el equilibrio o el comportamiento de su hijo? Revise las "
            "señales, vea qué tan urgente es y prepare una carta para el médico.",
            "intro": "Marque lo que ha notado en su hijo o hija. Le diremos qué tan urgente es y le ayudaremos a "
            "preparar una carta para el médico. Toma alrededor de un minuto.",
            "body": _p(
                "<b>Mientras espera la consulta:</b> grabe videos cortos con el teléfono de los movimientos de "
                "los ojos, la inestabilidad o las sacudidas, porque pueden ir y venir. Anote cuándo empezó cada "
                "señal.",
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
            "intro": "Cada donación ayuda a que los niños con OMS y otras enfermedades neurológicas sean "
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
                "much of the country a family can wait up to six months for a first visit with a pediatric "
                "neurologist.",
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
                "hasta seis meses para una primera cita con un neurólogo pediátrico.",
                "Su donación apoya a los especialistas y a los programas de educación y tratamiento de la "
                "División de Neurología del Children's Hospital Los Angeles, que atiende a niños con OMS y "
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
            "intro": "Dar a conocer el OMS ahorra tiempo, y con el OMS el tiempo importa. Así puede ayudar.",
            "body": _p(
                "<b>Comparta lo que aprende.</b> Un padre o una madre que ha oído hablar del OMS puede pedir "
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
                "OMS is rare, so many families have never heard of it, and many children are first told "
                "they have something else. Left untreated, it can take away a child's ability to walk, talk "
                "and learn. There is no cure yet, but treatment started early gives children the best chance.",
                "In much of the United States, the wait to see a pediatric neurologist can be as long as six "
                "months. That is why we work on three things: making OMS known, helping families understand "
                "and cope with it, and raising money for pediatric neurology programs, specialists and "
                "treatment.",
                "This year our campaign supports the Division of Neurology at Children's Hospital Los Angeles.",
            ),
        },
        "es": {
            "title": "Quiénes somos",
            "slug": "quienes-somos",
            "search_description": "Quiénes somos y por qué trabajamos en el síndrome de opsoclonus-mioclonus.",
            "intro": "Somos madres, padres, cuidadores y amigos de niños con OMS. Sabemos lo que asustan las "
            "primeras semanas y cuánto importa un diagnóstico rápido.",
            "body": _p(
                "El OMS es raro, así que muchas familias nunca han oído hablar de él, y a muchos niños primero "
                "les dicen que tienen otra cosa. Sin tratamiento, puede quitarle a un niño la capacidad de "
                "caminar, hablar y aprender. Aún no hay cura, pero empezar el tratamiento pronto da a los "
                "niños la mejor oportunidad.",
                "En gran parte de Estados Unidos, la espera para ver a un neurólogo pediátrico puede llegar a "
                "seis meses. Por eso trabajamos en tres cosas: dar a conocer el OMS, ayudar a las familias a "
                "entenderlo y sobrellevarlo, y recaudar fondos para programas, especialistas y tratamientos "
                "de neurología pediátrica.",
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
            "¿Qué es el OMS?",
            "Señales, causas y tratamiento, explicados con claridad y con fuentes.",
            "Aprender",
        ),
        ("help", "¿Preocupado esta noche?", "Qué observar, cuándo ir al médico y qué preguntar.", "Pedir ayuda"),
        ("involved", "Ayúdenos a darlo a conocer", "Comparta, recaude fondos o sea voluntario.", "Participar"),
    ],
}
