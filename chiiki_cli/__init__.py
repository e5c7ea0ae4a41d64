"""The ``chiiki-map`` console command: the non-UI surface of the tool."""
