"""The group's settings: its header, the tabs' editors and the messages they send to the group screen."""
