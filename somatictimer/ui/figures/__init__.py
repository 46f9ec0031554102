"""Pose figures on screen: painting, PNG/SVG export, the strip, `somatictimer figures render`."""
