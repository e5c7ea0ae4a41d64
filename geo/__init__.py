"""Domain data and analysis for 地域未来マップ. Imports neither streamlit nor folium."""
