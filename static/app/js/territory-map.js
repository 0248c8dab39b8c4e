// Territory map: municipalities drawn from GeoJSON with Leaflet and no tile
// layer (no tiles offline), coloured by micro-territory as in the legend.
(function () {
  "use strict";
  var element = document.getElementById("territory-map");
  if (!element || !window.L) return;

  var palette = ["#0066cc", "#008055", "#cc7a00", "#a61e4d", "#5c3d99", "#00798c",
                 "#7a6a00", "#b34700", "#3d5a80", "#4f772d", "#8d4a7a", "#5d7083"];
  var swatchOf = {};
  var points = [];
  document.querySelectorAll("#territory-legend [data-micro-territory]").forEach(function (item) {
    var name = item.getAttribute("data-micro-territory");
    swatchOf[name] = parseInt(item.getAttribute("data-swatch"), 10);
    if (item.hasAttribute("data-latitude")) {
      points.push({ name: name, lat: parseFloat(item.getAttribute("data-latitude")),
                    lng: parseFloat(item.getAttribute("data-longitude")) });
    }
  });

  var map = L.map(element, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(element.getAttribute("data-attribution"));

  fetch(element.getAttribute("data-geojson-url"), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (feature) {
          var groups = feature.properties.micro_territories.filter(function (n) { return n in swatchOf; });
          var colour = groups.length === 1 ? palette[swatchOf[groups[0]]] : "#9aa5b1";
          return { color: "#ffffff", weight: 1, fillColor: colour, fillOpacity: 0.6 };
        },
        onEachFeature: function (feature, featureLayer) {
          var p = feature.properties;
          featureLayer.bindTooltip(p.name + (p.population ? " · " + p.population.toLocaleString("it-IT") : ""));
        }
      });
      // The view must exist before vector layers are added (Leaflet 1.9).
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      layer.addTo(map);
      points.forEach(function (point) {
        L.circleMarker([point.lat, point.lng], {
          radius: 7, color: "#ffffff", weight: 2, fillColor: palette[swatchOf[point.name]], fillOpacity: 1
        }).bindTooltip(point.name).addTo(map);
      });
    });
})();
