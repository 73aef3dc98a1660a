// opsfold/dashboard: the dashboard's router is a pure function of method and path.
import { routeOf } from 'opsfold/dashboard';

console.log(JSON.stringify(['/', '/api/loops/demo', '/api/loops/../etc'].map((p) => routeOf('GET', p))));
