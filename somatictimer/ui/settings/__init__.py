"""The Settings page, "My body" and how settings reach the rest of the app."""
