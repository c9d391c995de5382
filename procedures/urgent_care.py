"""When back pain needs help, and how fast: the one place the warning signs are written.

Three tiers, modelled on the NHS care cards. Pages never type warning signs or the
emergency number; they show this card, and a procedure adds its own signs to each tier.
The signs follow NHS patient guidance on back pain and cauda equina syndrome (SOURCES).
Each sign is translated in the catalogues (locale/), checked sign by sign against a health
source in that language; FURTHER_READING lists those sources, by language.
"""

import datetime
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from procedures.sources import Source


class Tier(NamedTuple):
    key: str
    signs: tuple[str, ...]


EMERGENCY = Tier(
    "emergency",
    (
        _("numbness or tingling around your genitals, bottom or inner thighs"),
        _("new trouble peeing, or you cannot control when you pee or poo"),
        _("pain, tingling, weakness or numbness in both legs that is new or getting worse"),
        _("new trouble getting an erection, or you cannot feel your genitals during sex"),
        _("chest pain"),
        _("back pain after a serious accident, such as a car crash"),
    ),
)
# The emergency tier in one sentence, for the top of a page on a phone's first screen: the
# signs of pressure on the nerves at the base of the spine (cauda equina syndrome), which
# people do not link to back pain. The full card further down has every sign.
EMERGENCY_SUMMARY = _(
    "numbness around your genitals or bottom, new trouble peeing or pooing, "
    "or weakness or numbness in both legs"
)
URGENT = Tier(
    "urgent",
    (
        _("a high temperature (fever) with back pain"),
        _("weight loss without trying"),
        _("new back pain and you have had cancer"),
        _("new pain after a fall, and you have thin bones or take steroid tablets"),
        _("back pain that is worse at night or does not ease when you rest"),
        _("pain in your upper back, between your shoulder blades"),
        _("a lump or swelling on your back, or your back has changed shape"),
        _("new numbness or weakness in one leg"),
    ),
)
# Added on every procedure page: after a needle in the spine, new weakness can mean a
# bleed pressing on the nerves (hours matter), and a headache that eases lying down can
# mean a leak of the fluid around them.
AFTER_ANY_PROCEDURE = {
    "emergency": (
        _(
            "new weakness in one or both legs after the numbing medicine has worn off, "
            "or you cannot stand or walk"
        ),
    ),
    "urgent": (
        _("redness, warmth, swelling or fluid where the needle went in"),
        _("a headache that is worse when you sit or stand and better when you lie down"),
    ),
}
CALL_US = Tier("call_us", ())
TIERS = (EMERGENCY, URGENT, CALL_US)
TIER_KEYS = tuple(tier.key for tier in TIERS)


SOURCES = (
    Source(
        "Cauda Equina Syndrome (CES)",
        "NHS Fife",
        "https://www.nhsfife.org/services/all-services/patient-advice/cauda-equina-syndrome-ces",
        datetime.date(2026, 11, 21),
    ),
    Source(
        "Same Day Emergency Clinic (SDEC): Cauda Equina Syndrome",
        "North Bristol NHS Trust",
        "https://nbt.nhs.uk/our-services/a-z-services/neurosurgery/neurosurgery-patient-information/same-day-emergency-clinic-sdec-cauda-equina-syndrome-sec",
        datetime.date(2026, 11, 21),
    ),
    Source(
        "Low Back Pain (LBP)",
        "Northern Health and Social Care Trust (HSC Northern Ireland)",
        "https://www.northerntrust.hscni.net/services/physiotherapy-services/physiotherapy-service-outpatient-service/low-back-pain/",
        datetime.date(2026, 11, 21),
    ),
)


# Where a reader of each language can read more in that language. The Spanish signs were
# checked against these; the tiers themselves follow the NHS sources above, which they
# are shown beside.
FURTHER_READING = {
    "es": (
        Source(
            "Dolor de espalda: cuando consulte con el médico",
            "MedlinePlus, Biblioteca Nacional de Medicina de EE. UU.",
            "https://medlineplus.gov/spanish/ency/article/007494.htm",
            datetime.date(2026, 12, 7),
        ),
        Source(
            "Infecciones de heridas quirúrgicas - tratamiento",
            "MedlinePlus, Biblioteca Nacional de Medicina de EE. UU.",
            "https://medlineplus.gov/spanish/ency/article/007645.htm",
            datetime.date(2026, 12, 7),
        ),
    ),
}


def card_tiers(extra: dict[str, list[str]] | None = None, *, after_procedure: bool = False):
    """The tiers with their signs, plus a procedure's own signs; ready for the template."""
    extra = extra or {}
    tiers = {}
    for tier in TIERS:
        signs = list(tier.signs)
        if after_procedure:
            signs += AFTER_ANY_PROCEDURE.get(tier.key, ())
        tiers[tier.key] = signs + list(extra.get(tier.key, ()))
    return tiers
