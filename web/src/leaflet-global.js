// leaflet.markercluster extends the global `L`: publish it before that plugin loads.
import L from 'leaflet';

window.L = L;
export default L;
