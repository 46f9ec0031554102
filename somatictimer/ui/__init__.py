"""PySide6 widgets. Thin: state comes from the core engine."""
