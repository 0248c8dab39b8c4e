// Portal maps: Leaflet with no tile layer unless the installation configures
// one (data-tile-url). The full map draws municipal boundaries and every
// service site and place (from JSON); a page map draws the points it is given
// (json_script). Every map has a text alternative on its page.
(function () {
  "use strict";
  if (!window.L) return;

  var kindColour = {
    service: "#0066cc", community_house: "#a61e4d", meeting_place: "#008055", shared_space: "#008055",
    library: "#5c3d99", oratory: "#cc7a00", sports_facility: "#00798c", park: "#4f772d", unusual_place: "#b34700"
  };

  function baseMap(element) {
    var map = L.map(element, { zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    var tiles = element.getAttribute("data-tile-url");
    if (tiles) {
      L.tileLayer(tiles, { attribution: element.getAttribute("data-tile-attribution") || "" }).addTo(map);
    }
    if (element.getAttribute("data-attribution")) {
      map.attributionControl.addAttribution(element.getAttribute("data-attribution"));
    }
    return map;
  }

  function marker(point) {
    var link = document.createElement("a");
    link.href = point.url || "#";
    link.textContent = point.name;
    return L.circleMarker([point.lat, point.lon], {
      radius: 7, color: "#ffffff", weight: 2, fillColor: kindColour[point.kind] || "#0066cc", fillOpacity: 1
    }).bindPopup(link);
  }

  var small = document.getElementById("service-map");
  if (small) {
    var data = JSON.parse(document.querySelector(small.getAttribute("data-points")).textContent);
    var pageMap = baseMap(small);
    var group = L.featureGroup(data.map(function (p) {
      return L.circleMarker([p.lat, p.lon], { radius: 9, color: "#ffffff", weight: 2, fillColor: "#0066cc", fillOpacity: 1 })
        .bindTooltip(p.name);
    }));
    pageMap.setView(group.getBounds().getCenter(), 14);
    group.addTo(pageMap);
  }

  var full = document.getElementById("portal-map");
  if (full) {
    var map = baseMap(full);
    fetch(full.getAttribute("data-geojson-url"))
      .then(function (response) { return response.json(); })
      .then(function (boundaries) {
        var layer = L.geoJSON(boundaries, {
          style: function () { return { color: "#5d7083", weight: 1, fillColor: "#dfe6ee", fillOpacity: 0.5 }; },
          onEachFeature: function (feature, featureLayer) { featureLayer.bindTooltip(feature.properties.name); }
        });
        map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        layer.addTo(map);
        return fetch(full.getAttribute("data-points-url"));
      })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        data.points.forEach(function (point) { marker(point).addTo(map); });
        full.setAttribute("data-points-loaded", String(data.points.length));
      });
  }
})();
