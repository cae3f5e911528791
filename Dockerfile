# The app, built once: docker-compose.yml runs it on each store.
FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build
ENV HOST=0.0.0.0
CMD ["node", "dist/main.js"]
