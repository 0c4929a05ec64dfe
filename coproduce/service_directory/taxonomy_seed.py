"""The service types of family support, the taxonomy every directory starts with.

Ids are fixed (uuid5 of the names) so every installation, feed and test names the same terms.
"""

import uuid

NAMESPACE = uuid.UUID("6f1f0d0e-7f3a-4c55-9b44-2a3c4b5d6e7f")
TAXONOMY_NAME = "Family support service types"
TAXONOMY_DESCRIPTION = (
    "The kinds of service children's centres and the voluntary and community sector offer families with"
    " young children."
)

# (code, name, description)
TERMS = [
    (
        "play-and-learning",
        "Play and learning",
        "Stay-and-play, messy play, early learning and school readiness.",
    ),
    (
        "parenting-support",
        "Parenting support",
        "Parenting courses, one-to-one parenting advice and peer support.",
    ),
    (
        "perinatal-mental-health",
        "Perinatal and parental mental health",
        "Support for parents' emotional wellbeing before and after birth.",
    ),
    ("infant-feeding", "Infant feeding", "Breastfeeding and infant feeding support."),
    (
        "speech-and-language",
        "Speech, language and communication",
        "Early language groups and communication support.",
    ),
    (
        "send-support",
        "Special educational needs and disabilities",
        "Support for children with SEND and their families.",
    ),
    (
        "health-and-wellbeing",
        "Health and wellbeing",
        "Healthy eating, physical activity, oral health and wellbeing.",
    ),
    (
        "money-and-housing",
        "Money, debt and housing advice",
        "Benefits, debt, food and housing advice for families.",
    ),
    ("domestic-abuse", "Domestic abuse support", "Safety planning, refuge and recovery programmes."),
    (
        "adult-learning",
        "Adult learning and employment",
        "Courses, volunteering and routes into work for parents.",
    ),
    ("fathers", "Dads and male carers", "Groups and support for fathers and male carers."),
    ("young-parents", "Young parents", "Support for parents under 25."),
]


def taxonomy_id() -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, TAXONOMY_NAME)


def term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term:{code}")


def seed(Taxonomy, TaxonomyTerm) -> None:
    """Create the taxonomy and its terms if missing (safe to run twice). Takes the models to work in migrations."""
    taxonomy, _ = Taxonomy.objects.get_or_create(
        id=taxonomy_id(),
        defaults={"name": TAXONOMY_NAME, "description": TAXONOMY_DESCRIPTION, "version": "1"},
    )
    for code, name, description in TERMS:
        TaxonomyTerm.objects.get_or_create(
            id=term_id(code),
            defaults={"taxonomy": taxonomy, "name": name, "description": description, "code": code},
        )
