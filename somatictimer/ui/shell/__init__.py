"""The window around the pages: main and mini windows, tray, look (style, icons), input guards."""
