"""somatictimer: a calm desktop timer for home somatic practice."""

__version__ = "0.1.0"
