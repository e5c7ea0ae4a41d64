"""Streamlit pages and their shared sidebar context. Widgets and layout only: no analysis here."""
