{{/* Names ------------------------------------------------------------------------------------------- */}}

{{- define "firebreak.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "firebreak.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* <fullname>-<component>; components are "api" and "streams" */}}
{{- define "firebreak.componentName" -}}
{{- printf "%s-%s" (include "firebreak.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "firebreak.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "firebreak.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "firebreak.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "firebreak.secretName" -}}
{{- default (include "firebreak.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* The ConfigMap holding SLO files, or "" when there are none (then firebreak runs no SLO engine). */}}
{{- define "firebreak.sloConfigMap" -}}
{{- if .Values.slos.existingConfigMap }}
{{- .Values.slos.existingConfigMap }}
{{- else if .Values.slos.definitions }}
{{- printf "%s-slos" (include "firebreak.fullname" .) }}
{{- end }}
{{- end }}

{{- define "firebreak.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Labels ------------------------------------------------------------------------------------------ */}}

{{- define "firebreak.selectorLabels" -}}
app.kubernetes.io/name: {{ include "firebreak.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "firebreak.labels" -}}
helm.sh/chart: {{ include "firebreak.chart" . }}
{{ include "firebreak.selectorLabels" . }}
app.kubernetes.io/version: {{ default .Chart.AppVersion .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: firebreak
{{- end }}

{{/* dict "root" $ "component" "api" */}}
{{- define "firebreak.componentSelectorLabels" -}}
{{ include "firebreak.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "firebreak.componentLabels" -}}
{{ include "firebreak.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* firebreak.yml -------------------------------------------------------------------------------------
     dict "root" $ "roles" (list ...). Rendered as JSON, which is YAML: every string is double-quoted, so a
     secret substituted for its ${ENV} placeholder at start-up (a URL with ':' or '#', say) cannot change
     the structure of the file. Credentials are always placeholders: a literal one given in `config` is
     overwritten, so no secret ever lands in a ConfigMap. */}}
{{- define "firebreak.config" -}}
{{- $root := .root }}
{{- $roles := .roles }}
{{- $v := $root.Values }}
{{- $cfg := deepCopy (default dict $v.config) }}
{{- $_ := set $cfg "server" (dict
      "applicationConnectors" (list (dict "type" "http" "port" $v.ports.http))
      "adminConnectors" (list (dict "type" "http" "port" $v.ports.admin "bindHost" "0.0.0.0"))) }}
{{- /* firebreak binds its admin port to loopback unless told otherwise; the kubelet's probes come to the pod's address,
       so here it listens on every interface, and no Service exposes it (the NetworkPolicy admits no one else). */}}
{{- $_ := set $cfg "kafka" (dict
      "bootstrapServers" (required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers)
      "schemaRegistryUrl" (required "kafka.schemaRegistryUrl is required" $v.kafka.schemaRegistryUrl)
      "partitions" $v.kafka.partitions
      "replicationFactor" $v.kafka.replicationFactor
      "createTopics" $v.kafka.createTopics
      "applicationId" $v.kafka.applicationId
      "standbyReplicas" (default 0 $v.kafka.standbyReplicas)
      "rocksdb" (dict "cache" $v.kafka.rocksdb.cache "writeBuffers" $v.kafka.rocksdb.writeBuffers)
      "stateDir" (printf "%s/streams" $v.streams.stateDir)) }}
{{- $_ := set $cfg "roles" $roles }}
{{- /* strict ${VAR} where the role cannot run without it: start-up fails loudly instead of accepting no token */}}
{{- $token := ternary "${FIREBREAK_INGEST_TOKEN}" "${FIREBREAK_INGEST_TOKEN:-}" (has "ingest" $roles) }}
{{- $ingest := deepCopy (default dict $cfg.ingest) }}
{{- $_ := set $ingest "tokens" (list $token "${FIREBREAK_INGEST_TOKEN_NEXT:-}") }}
{{- $_ := set $cfg "ingest" $ingest }}
{{- /* reads (/v1/incidents, /metrics, ...) need a read-scoped token: Prometheus' and the dashboard's */}}
{{- $auth := deepCopy (default dict $cfg.auth) }}
{{- $_ := set $auth "tokens" (concat (default list $auth.tokens) (list
      (dict "name" "reader" "token" "${FIREBREAK_READ_TOKEN:-}" "scopes" (list "read"))
      (dict "name" "reader" "token" "${FIREBREAK_READ_TOKEN_NEXT:-}" "scopes" (list "read")))) }}
{{- $_ := set $cfg "auth" $auth }}
{{- $_ := set $cfg "callbacks" (dict "pagerdutySecrets" (list "${PD_WEBHOOK_SECRET:-}") "slackSigningSecret" "${SLACK_SIGNING_SECRET:-}") }}
{{- $rc := deepCopy (default dict $cfg.receivers) }}
{{- $_ := set $rc "pagerduty" (merge (dict "routingKey" "${PD_ROUTING_KEY:-}") (default dict (get $rc "pagerduty"))) }}
{{- $_ := set $rc "slack" (merge (dict "token" "${SLACK_BOT_TOKEN:-}") (default dict (get $rc "slack"))) }}
{{- $_ := set $rc "slack-war-room" (merge (dict "token" "${SLACK_BOT_TOKEN:-}") (default dict (get $rc "slack-war-room"))) }}
{{- $_ := set $rc "teams" (dict "webhookUrl" "${TEAMS_WORKFLOW_URL:-}") }}
{{- $_ := set $rc "soar" (merge (dict "secrets" (list "${SOAR_SECRET:-}")) (default dict (get $rc "soar"))) }}
{{- $_ := set $cfg "receivers" $rc }}
{{- $sloPath := ternary "/etc/firebreak/slos" "" (ne (include "firebreak.sloConfigMap" $root) "") }}
{{- $_ := set $cfg "slos" (dict "path" $sloPath "evaluateEvery" $v.slos.evaluateEvery "grace" $v.slos.grace) }}
{{- toPrettyJson $cfg }}
{{- end }}

{{/* Pods ------------------------------------------------------------------------------------------- */}}

{{/* The secret environment: every pod gets every variable; only the ingest token is required, and only
     where the ingest role runs. dict "root" $ "roles" (list ...) */}}
{{- define "firebreak.secretEnv" -}}
{{- $secret := include "firebreak.secretName" .root }}
{{- $ingest := has "ingest" .roles }}
{{- range $name := list "FIREBREAK_INGEST_TOKEN" "FIREBREAK_INGEST_TOKEN_NEXT" "FIREBREAK_READ_TOKEN" "FIREBREAK_READ_TOKEN_NEXT" "PD_ROUTING_KEY" "PD_WEBHOOK_SECRET" "SLACK_BOT_TOKEN" "SLACK_SIGNING_SECRET" "TEAMS_WORKFLOW_URL" "SOAR_SECRET" }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $name }}
      optional: {{ not (and $ingest (eq $name "FIREBREAK_INGEST_TOKEN")) }}
{{- end }}
{{- end }}

{{/* dict "root" $ "component" "api" "values" .Values.api "stateVolume" "<volume name or empty>" */}}
{{- define "firebreak.podSpec" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $c := .values }}
{{- $slos := include "firebreak.sloConfigMap" $root }}
serviceAccountName: {{ include "firebreak.serviceAccountName" $root }}
automountServiceAccountToken: false
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
containers:
  - name: firebreak
    image: {{ include "firebreak.image" $root | quote }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    args: ["server", "/etc/firebreak/config/firebreak.yml"]
    ports:
      - { name: http, containerPort: {{ $v.ports.http }}, protocol: TCP }
      - { name: admin, containerPort: {{ $v.ports.admin }}, protocol: TCP }
    env:
      {{- include "firebreak.secretEnv" (dict "root" $root "roles" $c.roles) | trim | nindent 6 }}
      {{- with $v.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    startupProbe:
      httpGet: { path: /ping, port: admin }
      {{- toYaml $v.probes.startup | nindent 6 }}
    readinessProbe:
      httpGet: { path: /healthcheck, port: admin }
      {{- toYaml $v.probes.readiness | nindent 6 }}
    livenessProbe:
      httpGet: { path: /ping, port: admin }
      {{- toYaml $v.probes.liveness | nindent 6 }}
    resources:
      {{- toYaml $c.resources | nindent 6 }}
    securityContext:
      {{- toYaml $v.securityContext | nindent 6 }}
    volumeMounts:
      - { name: config, mountPath: /etc/firebreak/config, readOnly: true }
      {{- if $slos }}
      - { name: slos, mountPath: /etc/firebreak/slos, readOnly: true }
      {{- end }}
      - { name: state, mountPath: {{ $v.streams.stateDir }} }
      - { name: tmp, mountPath: /tmp }
volumes:
  - name: config
    configMap:
      name: {{ include "firebreak.componentName" (dict "root" $root "component" .component) }}
  {{- if $slos }}
  - name: slos
    configMap:
      name: {{ $slos }}
  {{- end }}
  {{- if not .persistentState }}
  - name: state
    emptyDir: {}
  {{- end }}
  # RocksDB unpacks its native library here; the root filesystem is read-only
  - name: tmp
    emptyDir: {}
{{- with $c.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $c.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
affinity:
{{- if $c.affinity }}
  {{- toYaml $c.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "firebreak.componentSelectorLabels" (dict "root" $root "component" .component) | nindent 14 }}
{{- end }}
{{- end }}
