"""Allow ``python -m somatictimer``."""

from somatictimer.cli import main

raise SystemExit(main())
