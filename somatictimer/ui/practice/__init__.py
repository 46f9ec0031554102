"""The Practice page and what drives it: the player, pacer, ring, end screen, session controller."""
