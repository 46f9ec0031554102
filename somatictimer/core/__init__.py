"""The Qt-free core: model, library, timeline, engine. Never imports Qt or audio."""
