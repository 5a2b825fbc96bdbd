// The floor for the app's start (`npm run bench -- --only app`): node loading the web
// framework alone and listening, printing its address as `mus app` prints its own.
import Fastify from 'fastify';

const server = Fastify({ logger: false });
server.get('/', async () => 'ok');
await server.listen({ host: '127.0.0.1', port: 0 });
const address = server.server.address();
process.stdout.write(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
