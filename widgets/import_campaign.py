"""Import page section: une campagne d'enquête depuis l'export d'un outil d'enquête."""

from __future__ import annotations

import streamlit as st


def section() -> None:
    """Draw the section (upload, mapping, preview, confirmation)."""
    st.info("Bientôt disponible.")
