"""The caution flags of the "My body" profile, explained in plain words (reference §5.2)."""

from __future__ import annotations

from dataclasses import dataclass

from somatictimer.core.model import CAUTIONS


@dataclass(frozen=True, slots=True)
class Caution:
    """One flag: what it means for the person ticking it, and what to avoid or change."""

    id: str
    short: str  # in a sentence: "Take care with: knees, neck"
    label: str
    who: str  # tick this if ...
    avoid: str  # what the library marks and the player says


CAUTION_INFO = (
    Caution(
        "pregnancy-late",
        "late pregnancy",
        "Later pregnancy (from about 20 weeks)",
        "You are pregnant and past about the 20th week.",
        "Avoid long spells flat on the back or lying face down, breath holds and straining, "
        "strong curls and roll-ups, deep twists and big balance challenges. Use side-lying, "
        "propped-up or seated versions.",
    ),
    Caution(
        "hip-replacement-posterior",
        "hip replacement (posterior)",
        "Hip replacement (posterior approach)",
        "Your surgeon gave you posterior-approach hip precautions.",
        "Avoid bending the hip past a right angle, crossing the leg over the midline and "
        "turning it inward, above all all three together. Follow your surgeon's limits.",
    ),
    Caution(
        "hip-replacement-anterior",
        "hip replacement (anterior)",
        "Hip replacement (anterior approach)",
        "Your surgeon gave you anterior-approach hip precautions.",
        "Avoid taking the operated leg behind you, especially turned out: deep lunges with "
        "the back leg long, the pigeon back leg, backward leg swings. Follow your surgeon's "
        "limits.",
    ),
    Caution(
        "knee",
        "knees",
        "Knees",
        "Your knees are sore, injured or easily irritated.",
        "Avoid deep knee bends under body weight, twisting through a bent knee and pressure "
        "on the kneecap. Pad kneeling, sit on a block, and go less deep.",
    ),
    Caution(
        "lower-back-acute",
        "acute low back",
        "Low back (recent or acute pain)",
        "Your low back hurts now or has flared up recently.",
        "Avoid loaded rounding (roll-ups, rolling, leg lowering), end-range twists, deep "
        "back bends and long straight-leg forward folds. Prefer resting on your back with "
        "knees bent and small, pain-free pelvic tilts.",
    ),
    Caution(
        "osteoporosis",
        "osteoporosis",
        "Osteoporosis or low bone density",
        "You have osteoporosis or low bone density.",
        "Avoid rounding the spine under load or to the end of its range (sit-ups, roll-ups, "
        "rolling, rounded forward folds), forceful twists, and above all rounding combined "
        "with twisting. A long, neutral spine is usually preferred.",
    ),
    Caution(
        "glaucoma-high-bp",
        "glaucoma / high blood pressure",
        "Glaucoma or high blood pressure",
        "You have glaucoma or high blood pressure that is not well controlled.",
        "Avoid head-below-heart positions and inversions, breath holds and straining, and "
        "long strong holds with the breath held. Breathing patterns switch to versions "
        "without holds.",
    ),
    Caution(
        "wrist",
        "wrists",
        "Wrists",
        "Your wrists are sore or weak.",
        "Avoid weight on the hands with the wrist bent back (all fours, side supports). Use "
        "fists, forearms or a wedge under the heel of the hand.",
    ),
    Caution(
        "neck",
        "neck",
        "Neck",
        "Your neck is sore, injured or easily irritated.",
        "Avoid lifting the head against gravity for many repetitions, weight on the neck, "
        "and fast or far head turns. Keep the head down or supported; turn slowly and "
        "partway.",
    ),
    Caution(
        "balance",
        "balance",
        "Balance",
        "You are unsteady on your feet or easily dizzy.",
        "Take care with standing on one leg, heel raises, stepping drills, standing with "
        "eyes closed and bouncing. Stand beside a wall or a chair and keep your eyes open.",
    ),
)

BY_ID = {caution.id: caution for caution in CAUTION_INFO}
assert tuple(BY_ID) == CAUTIONS, "every flag of the model is explained here, in its order"

# Ticking one of these swaps breathing patterns with holds for a pattern without them.
BREATH_HOLD_FLAGS = frozenset({"glaucoma-high-bp", "pregnancy-late"})


def caution_label(flag: str) -> str:
    caution = BY_ID.get(flag)
    return caution.label if caution else flag


def caution_words(flags: tuple[str, ...] | list[str]) -> str:
    """ "knees, neck" for a list of flags, as a sentence fragment."""
    return ", ".join(BY_ID[flag].short if flag in BY_ID else flag for flag in flags)
