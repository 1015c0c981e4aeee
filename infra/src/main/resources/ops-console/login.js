if (location.search.indexOf('failed') >= 0) {
  document.getElementById('failed').hidden = false;
}
