"""The body: joint angles put hands, knees and head where a person would."""

from __future__ import annotations

import pytest
from somatictimer.figures.skeleton import SHIN, THIGH, pose_body


def test_a_standing_person_is_about_a_hundred_tall_head_up_feet_down() -> None:
    body = pose_body({}).points
    height = body["head"][1] + 6.6 - min(body["heel_r"][1], body["toe_r"][1])
    assert 95 <= height <= 110
    assert body["head"][1] > body["chest"][1] > body["pelvis"][1] > body["knee_r"][1]
    assert body["toe_r"][0] > body["heel_r"][0]  # feet point the way the body faces
    assert body["hip_r"][2] > 0 > body["hip_l"][2]  # z is the figure's right


def test_a_knee_raised_to_hip_height_and_bent_puts_the_foot_below_the_knee() -> None:
    body = pose_body({"hip_r": (90.0, 0.0, 0.0), "knee_r": (90.0,)}).points
    hip, knee, ankle = body["hip_r"], body["knee_r"], body["ankle_r"]
    assert knee[0] == pytest.approx(hip[0] + THIGH) and knee[1] == pytest.approx(hip[1])
    assert ankle[0] == pytest.approx(knee[0]) and ankle[1] == pytest.approx(knee[1] - SHIN)
    assert body["knee_l"][1] < hip[1] - THIGH + 1  # the other leg still stands


def test_arms_overhead_reach_above_the_head_and_out_to_the_sides_in_a_t() -> None:
    up = pose_body({"shoulder_r": (180.0, 0.0, 0.0)}).points
    assert up["hand_r"][1] > up["head"][1]
    t = pose_body({"shoulder_r": (0.0, 90.0, 0.0), "shoulder_l": (0.0, 90.0, 0.0)}).points
    assert t["hand_r"][2] > 30 and t["hand_l"][2] < -30  # each arm out to its own side
    assert t["hand_r"][1] == pytest.approx(t["shoulder_r"][1], abs=0.5)


def test_lying_face_down_and_face_up() -> None:
    down = pose_body({"root": (90.0, 0.0, 0.0)}).points
    assert down["head"][0] > 40 and abs(down["head"][1]) < 12  # head forward, body flat
    assert down["nose"][1] < down["head"][1]  # the face looks at the floor
    up = pose_body({"root": (-90.0, 0.0, 0.0)}).points
    assert up["nose"][1] > up["head"][1]  # ... and at the ceiling


def test_a_twist_turns_the_chest_not_the_hips() -> None:
    body = pose_body({"spine": (0.0, 0.0, 45.0)}).points
    assert body["shoulder_l"][0] > body["shoulder_r"][0]  # turned right: left shoulder forward
    assert body["hip_l"][0] == pytest.approx(body["hip_r"][0])
