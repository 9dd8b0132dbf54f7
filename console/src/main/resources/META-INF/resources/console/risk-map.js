// The risk map: the China map's GeoJSON (echarts 4.1.0 webjar, served by the console) registered with ECharts 5 and
// each province coloured by the rank of its highest level. The table beside it holds the same figures without script.
(function () {
  var box = document.getElementById('risk-map');
  var data = document.getElementById('risk-map-data');
  if (!box || !data || !window.echarts) {
    return;
  }
  var map = JSON.parse(data.textContent);
  fetch('/console/assets/china.json', {credentials: 'same-origin'}).then(function (r) {
    return r.json();
  }).then(function (geo) {
    echarts.registerMap('china', geo);
    var colours = ['#e8eef3', '#c6e5c0', '#ffe08a', '#f59b42', '#d7301f'];
    var pieces = Object.keys(map.levels).map(function (rank) {
      return {value: Number(rank), label: map.levels[rank], color: colours[Number(rank)]};
    });
    var chart = echarts.init(box);
    chart.setOption({
      tooltip: {
        trigger: 'item', formatter: function (p) {
          var d = p.data;
          return p.name + (d ? '：' + map.levels[d.value] + '，' + map.alertsWord + ' ' + d.alerts : '');
        }
      },
      visualMap: {type: 'piecewise', pieces: pieces, left: 'left', bottom: 10},
      series: [{
        type: 'map', map: 'china', roam: false, name: 'risk',
        selectedMode: map.own ? 'single' : false,
        data: map.provinces.map(function (p) {
          return {name: p.name, value: p.value, alerts: p.alerts, selected: p.name === map.own};
        })
      }]
    });
    box.setAttribute('data-drawn', 'true');
  });
})();
