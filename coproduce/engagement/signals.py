"""Signals other domains listen to, so engagement need not import them."""

from django.dispatch import Signal

# Sent after a comment's words or visibility change by moderation (edit, hide, remove, discard, undo),
# with ``comment`` and ``previous_text`` (the words before the change). The reports take down a
# publication that quotes words no longer shown as they were.
comment_moderated = Signal()
