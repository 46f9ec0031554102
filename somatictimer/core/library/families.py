"""The ten families every library item belongs to, with a short, honest word about each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Family:
    """One kind of practice: its id (the ``tradition`` value in library files), label, text."""

    id: str
    label: str
    letter: str  # the reference's row letter (Y01, N03 ...)
    about: str


FAMILIES = (
    Family(
        "hip-opener-yoga",
        "Hip-opener yoga",
        "Y",
        "Held yoga poses and gentle flows for the front, back and sides of the hips. Work at "
        "a mild edge, keep breathing, and use props so nothing has to strain. Many "
        "practitioners describe the hips as a place where stress is held; what you may "
        "notice is the muscles softening and the breath slowing.",
    ),
    Family(
        "yin-yoga",
        "Yin yoga",
        "N",
        "Long, quiet holds of three to five minutes at a moderate edge, muscles relaxed. Come "
        "out slowly and pause before the next hold. Yin teachers often say the hips store "
        "emotion; this is a practitioner belief, not an established fact, and feelings that "
        "come up during a long hold are common and fine.",
    ),
    Family(
        "pilates-mat",
        "Pilates mat",
        "P",
        "Exercises from Joseph Pilates' classical mat order (with their numbers) and a few "
        "modern ones: slow, controlled movement, breath paired with effort, quality over "
        "repetitions. Easier options come first; build up over sessions.",
    ),
    Family(
        "qi-gong",
        "Qi gong",
        "Q",
        "The Eight Brocades (Ba Duan Jin) in the Chinese Health Qigong Association's order "
        "and counts, and simple standing practice. Soft knees, slow even movement; breathe "
        "naturally while learning, then let the breath follow the rising and sinking.",
    ),
    Family(
        "tai-chi",
        "Tai chi",
        "T",
        "Standing warm-ups and form elements from tai chi: loose joints, weight shifting "
        "from one leg to the other, the waist leading the arms. Keep a chair or a wall "
        "within reach for balance.",
    ),
    Family(
        "somatics",
        "Somatics",
        "S",
        "Hanna-style and Feldenkrais-style movements: tighten slowly, let go even more "
        "slowly, then rest completely. Small, easy movements that let you feel what the "
        "muscles are doing; nothing is stretched hard.",
    ),
    Family(
        "shaking-release",
        "Shaking & release",
        "R",
        "Lead-in exercises that tire the legs a little, then gentle tremoring lying down, "
        "in the style of TRE (not an official TRE protocol). Many practitioners describe the "
        "tremor as letting go of stored tension; research on it is small. You can stop at any "
        "moment: bring the knees together or stretch the legs out long.",
    ),
    Family(
        "dance-mobility",
        "Dance mobility",
        "D",
        "Pelvic circles, figure-eights, tilts, sways and waves from dance warm-ups: "
        "playful, rhythmic movement that wakes up the hips and low back. Keep the range "
        "small at first and let it grow.",
    ),
    Family(
        "feet",
        "Feet",
        "F",
        "Ball massage along and across the arch, and small exercises for the muscles of the "
        "foot. Moderate pressure: a good ache, never sharp.",
    ),
    Family(
        "breathwork",
        "Breathwork",
        "B",
        "Natural and paced breathing. Slow breathing near six breaths a minute reliably "
        "calms the heart's rhythm while you do it. Breathe quietly, never force; go back "
        "to natural breathing if you feel dizzy, tingly, short of air or anxious.",
    ),
)

FAMILY_IDS = tuple(family.id for family in FAMILIES)
BY_ID = {family.id: family for family in FAMILIES}


def family_label(family_id: str) -> str:
    """The family's label; an unknown id (an old history row, say) is shown as it is."""
    family = BY_ID.get(family_id)
    return family.label if family else family_id
