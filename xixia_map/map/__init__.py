"""Map layer: the Leaflet page, its local assets, the JS bridge and the URL scheme."""
