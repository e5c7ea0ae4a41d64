"""The Streamlit pages, one per module, run by ``app.py`` through ``st.navigation`` (not imported)."""
