"""What the demo loads: the Bexley case study and a smaller, fictional second area.

The comments are in the CSV files next to this module; everything else (organisations, people, events,
proposals, actions, demo sign-ins) is described here as plain data and built by ``coproduce.demo.loader``.
"""
