import type { ParameterFormMessages } from "../parameter-form/lazy.ts";
import type { Messages } from "./types.ts";

/** ParameterForm's strings (see parameter-form/messages.ts). */
const deParameterForm: ParameterFormMessages = {
  required: "{field} ist erforderlich",
  pattern: "{field} sieht nicht richtig aus",
  patternHint: "{field} sieht nicht richtig aus ({hint})",
  email: "{field} muss eine E-Mail-Adresse sein, z. B. name@example.com",
  url: "{field} muss eine Webadresse sein, z. B. https://example.com",
  hostname: "{field} muss ein Hostname sein, z. B. api.example.com",
  format: "{field} hat nicht das richtige Format",
  minLength: "{field} muss mindestens {limit} Zeichen lang sein",
  maxLength: "{field} darf höchstens {limit} Zeichen lang sein",
  enum: "Wählen Sie eine der Optionen für {field}",
  number: "{field} muss eine Zahl sein",
  integer: "{field} muss eine ganze Zahl sein",
  minimum: "{field} muss {limit} oder mehr sein",
  maximum: "{field} muss {limit} oder weniger sein",
  greaterThan: "{field} muss größer als {limit} sein",
  lessThan: "{field} muss kleiner als {limit} sein",
  invalid: "{field} ist ungültig",
  showSecret: "{field} anzeigen",
  hideSecret: "{field} verbergen",
  selectPlaceholder: "Bitte wählen …",
  loading: "Formular wird geladen …",
};

export const de: Messages = {
  widgetLabel: "{connector} verbinden",
  optionPickerLabel: "Wählen Sie, wie Sie sich verbinden möchten",
  connect: "Verbinden",
  signInAndConnect: "Anmelden und verbinden",
  opensSignInWindow: "Öffnet ein Anmeldefenster",
  cancel: "Abbrechen",
  retry: "Erneut versuchen",
  editDetails: "Angaben bearbeiten",
  startOver: "Neu beginnen",
  continueInThisWindow: "In diesem Fenster fortfahren",
  progress: {
    loading: "Verbindungsoptionen werden geladen …",
    connecting: "Verbindung wird hergestellt …",
    authorizing: "Bitte schließen Sie die Anmeldung im anderen Fenster ab …",
    exchanging: "Anmeldung wird abgeschlossen …",
    testing: "Verbindung wird geprüft …",
    redirecting: "Sie werden zur Anmeldeseite weitergeleitet …",
  },
  errorTitle: "Verbindung fehlgeschlagen",
  technicalDetails: "Technische Details",
  fieldsNeedAttention: "Einige Felder müssen korrigiert werden. Korrigieren Sie sie und versuchen Sie es erneut.",
  popupBlockedTitle: "Das Anmeldefenster wurde blockiert",
  cancelledTitle: "Verbindung abgebrochen",
  cancelledMessage: "Es wurde nichts verbunden. Sie können jederzeit neu beginnen.",
  helpLink: "Wo finde ich diese Angaben?",
  opensInNewTab: "(öffnet in einem neuen Tab)",
  connectedTitle: "Verbunden",
  connectedWith: "Verbunden über",
  connectedAt: "Verbunden am",
  credentialsLabel: "Gespeicherte Zugangsdaten",
  hiddenValue: "verborgen",
  errors: {
    access_token_expired: "Ihr Zugriff ist abgelaufen und konnte nicht erneuert werden. Verbinden Sie sich erneut, um ihn wiederherzustellen.",
    rate_limit_exceeded: "Der Dienst erhält gerade zu viele Anfragen. Warten Sie eine Minute und versuchen Sie es dann erneut.",
    connection_is_defunct:
      "Diese Verbindung funktioniert nicht mehr, zum Beispiel weil der Schlüssel widerrufen oder das Konto entfernt wurde. Verbinden Sie sich mit neuen Zugangsdaten erneut.",
    invalid_spec: "Dieser Connector ist nicht korrekt eingerichtet und kann sich daher nicht verbinden. Wenden Sie sich bitte an den Support der App.",
    invalid_input: "Einige Angaben fehlen oder sind ungültig. Prüfen Sie die markierten Felder und versuchen Sie es erneut.",
    invalid_argument:
      "Die App hat eine Anfrage gestellt, die dieser Connector nicht verarbeiten kann. Versuchen Sie es erneut und wenden Sie sich an den Support, falls es weiterhin auftritt.",
    configuration_error:
      "Diese Verbindung ist nicht korrekt konfiguriert (zum Beispiel fehlt eine Client-ID). Wenden Sie sich bitte an den Support der App.",
    not_supported: "Diese Art der Verbindung wird hier nicht unterstützt. Versuchen Sie es mit einem anderen Browser oder einer anderen Verbindungsmethode.",
    formula_error:
      "Der Connector konnte Ihre Angaben nicht verarbeiten. Prüfen Sie sie und versuchen Sie es erneut; wenden Sie sich an den Support, falls es weiterhin auftritt.",
    unsupported_formula: "Dieser Connector nutzt eine Funktion, die hier nicht verfügbar ist. Wenden Sie sich bitte an den Support der App.",
    custom_code_error:
      "Der Einrichtungscode des Connectors ist fehlgeschlagen. Versuchen Sie es erneut und wenden Sie sich an den Support, falls es weiterhin auftritt.",
    sandbox_limit:
      "Der Connector hat zu lange gebraucht oder zu viel Speicher verwendet. Versuchen Sie es erneut und wenden Sie sich an den Support, falls es weiterhin auftritt.",
    api_request_failed: "Der Dienst hat mit einem Fehler geantwortet. Prüfen Sie Ihre Angaben und versuchen Sie es erneut.",
    network_error: "Der Dienst ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.",
    test_failed:
      "Wir konnten nicht bestätigen, dass die Verbindung funktioniert, daher wurde nichts gespeichert. Prüfen Sie, ob Ihre Angaben stimmen und das Konto Zugriff hat, und versuchen Sie es erneut.",
    credentials_rejected:
      "Der Dienst hat diese Zugangsdaten nicht akzeptiert. Prüfen Sie sie (kopieren Sie zum Beispiel den Schlüssel erneut) und versuchen Sie es noch einmal.",
    refresh_failed: "Der Zugriff auf Ihr Konto konnte nicht erneuert werden. Verbinden Sie sich erneut.",
    timeout: "Das hat zu lange gedauert, daher haben wir abgebrochen. Versuchen Sie es erneut.",
    cancelled: "Die Verbindung wurde abgebrochen. Es wurde nichts verbunden.",
    popup_blocked:
      "Ihr Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Website und versuchen Sie es erneut, oder fahren Sie in diesem Fenster fort.",
    popup_closed:
      "Das Anmeldefenster wurde geschlossen, bevor Sie fertig waren, daher wurde nichts verbunden. Versuchen Sie es erneut, wenn Sie bereit sind.",
    state_mismatch:
      "Die Anmeldeantwort passte nicht zu dieser Anfrage und wurde zum Schutz Ihres Kontos ignoriert. Starten Sie die Anmeldung erneut.",
    state_missing: "Die Anmeldeantwort war unvollständig. Starten Sie die Anmeldung erneut.",
    state_expired: "Die Anmeldung hat zu lange gedauert und ist abgelaufen. Starten Sie sie erneut.",
    duplicate_parameter: "Die Anmeldeantwort war fehlerhaft. Starten Sie die Anmeldung erneut.",
    issuer_mismatch:
      "Die Anmeldeantwort kam von einem unerwarteten Anbieter und wurde zum Schutz Ihres Kontos ignoriert. Starten Sie die Anmeldung erneut.",
    access_denied:
      "Der Zugriff wurde nicht gewährt. Um sich zu verbinden, melden Sie sich erneut an und wählen Sie auf der Zustimmungsseite „Erlauben“ bzw. „Genehmigen“.",
    token_exchange_failed:
      "Sie haben sich angemeldet, aber der Dienst hat keinen Zugriff gewährt. Versuchen Sie es erneut und wenden Sie sich an den Support, falls es weiterhin auftritt.",
    internal_error: "Bei uns ist etwas schiefgelaufen. Versuchen Sie es erneut und wenden Sie sich an den Support, falls es weiterhin auftritt.",
  },
  parameterForm: deParameterForm,
};
