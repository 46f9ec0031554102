"""What the app says about safety and about what the practice can and cannot do (§5, §6)."""

from __future__ import annotations

from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence

NOT_ADVICE = (
    "Somatic Timer gives general movement information. It is not medical advice, diagnosis "
    "or treatment. If you are pregnant, recently operated on, or live with osteoporosis, "
    "glaucoma, high blood pressure, heart or lung disease or a recent injury, ask your "
    "clinician what suits you and tick what applies under Settings → My body."
)

STRETCH_VS_PAIN = (
    "A stretch is a dull, spread-out pull in the muscle that eases when you back off a "
    "little and fades soon after. Warning pain is sharp or pinpoint, sits in or near a "
    "joint, grows as you hold, or lingers afterwards: back off or come out."
)

STOP_SIGNS = (
    "sharp, stabbing or electric pain",
    "numbness, tingling or pins and needles",
    "dizziness or feeling faint",
    "chest pain or pressure",
    "unusual shortness of breath",
    "sudden changes in your vision",
    "pain in a joint rather than a muscle",
)

HOW_TO_PRACTISE = (
    "Work at a mild to moderate edge, never bounce into a stretch, come out of long holds "
    "slowly, and keep breathing: no holding the breath under effort."
)

HIPS_AND_EMOTION = (
    "Many practitioners describe the hips and the psoas as a place where stress and "
    "emotion are held, and feelings often come up in long holds or shaking. That is a "
    "belief of teachers, not an established fact. What is known: slow breathing and "
    "gentle, unhurried movement tend to calm the body while you do them. Notice what you "
    "feel, without needing it to mean anything."
)

SHAKING_NOTES = (
    "You can stop the tremor at any moment: bring the knees together, or stretch the legs "
    "out long, and sit up slowly.",
    "Keep the first sessions short (about 5 to 10 minutes of tremor) and practise no more "
    "than two or three times a week at first.",
    "If you have a history of trauma, dissociation or seizures, learn this with a trained "
    "provider before practising alone.",
    "The lead-in exercises aim at a moderate tiredness (about 6 or 7 out of 10), never pain.",
)

BREATH_NOTE = (
    "Go back to natural breathing at once if you feel dizzy, tingly, short of air or anxious."
)


def is_shaking(pose: Pose) -> bool:
    """Tremor or shaking practice itself (not the lead-in exercises of the same family)."""
    name = pose.name.casefold()
    return pose.tradition == "shaking-release" and ("tremor" in name or "shake" in name)


def has_shaking(sequence: Sequence, library: Library) -> bool:
    """Whether a sequence includes tremor or shaking practice (its safety notes apply)."""
    return any(
        is_shaking(library.poses[step.pose])
        for step in sequence.steps
        if step.pose in library.poses
    )
