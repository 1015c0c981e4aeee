// Starts dynalite (a DynamoDB emulator) in memory on a free loopback port, prints the port,
// and exits when its parent closes stdin, so a killed JVM leaves no stray process behind.
'use strict';
let dynalite;
try {
  dynalite = require('dynalite');
} catch (e) {
  console.error('DYNALITE_MISSING ' + e.message);
  process.exit(3);
}
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(process.env.DYNALITE_PORT || 0), '127.0.0.1', (err) => {
  if (err) {
    console.error('DYNALITE_FAILED ' + err.message);
    process.exit(4);
  }
  console.log('DYNALITE_PORT=' + server.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
