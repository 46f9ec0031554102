"""Check-ins, the end screen's save, the History page and its charts."""
