"""The Textual app of annotui: screens, widgets, styles and the command line."""
