"""Library file fragments the loader tests share."""

SIT = """[[pose]]
id = "sit"
name = "Sit"
tradition = "somatics"
category = "rest"
position = "seated"
hold_s = 60
"""  # a complete, valid pose in seven lines
