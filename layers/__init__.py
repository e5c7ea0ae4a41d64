"""folium layer builders, legend and local assets. Presentation only: no analysis here."""
