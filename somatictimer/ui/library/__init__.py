"""The Library page: browsing, details, practising one item, the caution flow."""
