"""Import page section: une nouvelle promotion depuis sa feuille."""

from __future__ import annotations

import streamlit as st


def section() -> None:
    """Draw the section (upload, mapping, preview, confirmation)."""
    st.info("Bientôt disponible.")
