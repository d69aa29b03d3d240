# The dashboard and the refresh in one image, on the official Python image; compose.yaml
# runs them with PostgreSQL (README, "Containers"). Not needed by the two commands.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home --uid 10001 casualties && chown -R casualties /app/data
USER casualties
EXPOSE 8050
# inside the container the server listens on every interface; compose.yaml publishes it
# on the host's 127.0.0.1 only
CMD ["python", "-m", "dashboard", "--host", "0.0.0.0", "--port", "8050"]
