// The names of the error codes (errorcode.h), in the order of the enumerators.
#include "base/errorcode.h"

#include <iterator>

namespace phm::core {

namespace {
struct Entry {
    ErrorCode code;
    const char *name;
};

constexpr Entry kNames[] = {
    {ErrorCode::None, ""},
    {ErrorCode::BadArgument, "bad_argument"},
    {ErrorCode::BadAssessment, "bad_assessment"},
    {ErrorCode::BadCodelist, "bad_codelist"},
    {ErrorCode::BadConfidence, "bad_confidence"},
    {ErrorCode::BadCsv, "bad_csv"},
    {ErrorCode::BadCycle, "bad_cycle"},
    {ErrorCode::BadEncoding, "bad_encoding"},
    {ErrorCode::BadFramework, "bad_framework"},
    {ErrorCode::BadGeojson, "bad_geojson"},
    {ErrorCode::BadHeader, "bad_header"},
    {ErrorCode::BadIdentity, "bad_identity"},
    {ErrorCode::BadIndicator, "bad_indicator"},
    {ErrorCode::BadIndicators, "bad_indicators"},
    {ErrorCode::BadInput, "bad_input"},
    {ErrorCode::BadJson, "bad_json"},
    {ErrorCode::BadKind, "bad_kind"},
    {ErrorCode::BadModel, "bad_model"},
    {ErrorCode::BadName, "bad_name"},
    {ErrorCode::BadOption, "bad_option"},
    {ErrorCode::BadPlusGroups, "bad_plus_groups"},
    {ErrorCode::BadPolicy, "bad_policy"},
    {ErrorCode::BadPractice, "bad_practice"},
    {ErrorCode::BadRecipient, "bad_recipient"},
    {ErrorCode::BadRule, "bad_rule"},
    {ErrorCode::BadSiiInput, "bad_sii_input"},
    {ErrorCode::BadStage, "bad_stage"},
    {ErrorCode::BadTemplate, "bad_template"},
    {ErrorCode::BadUser, "bad_user"},
    {ErrorCode::BadValue, "bad_value"},
    {ErrorCode::Canceled, "canceled"},
    {ErrorCode::CannotLock, "cannot_lock"},
    {ErrorCode::CannotMap, "cannot_map"},
    {ErrorCode::CannotOpen, "cannot_open"},
    {ErrorCode::CannotRead, "cannot_read"},
    {ErrorCode::CannotVerify, "cannot_verify"},
    {ErrorCode::CannotWrite, "cannot_write"},
    {ErrorCode::CohortCycle, "cohort_cycle"},
    {ErrorCode::CohortRevealed, "cohort_revealed"},
    {ErrorCode::CorruptProject, "corrupt_project"},
    {ErrorCode::DamagedCredential, "damaged_credential"},
    {ErrorCode::DamagedKeystore, "damaged_keystore"},
    {ErrorCode::EmptyFile, "empty_file"},
    {ErrorCode::Exception, "exception"},
    {ErrorCode::FileExists, "file_exists"},
    {ErrorCode::FirstUserAdmin, "first_user_admin"},
    {ErrorCode::FrameworkInUse, "framework_in_use"},
    {ErrorCode::IdentifierInReason, "identifier_in_reason"},
    {ErrorCode::IndicatorError, "indicator_error"},
    {ErrorCode::IsFolder, "is_folder"},
    {ErrorCode::KeystoreError, "keystore_error"},
    {ErrorCode::LastAdmin, "last_admin"},
    {ErrorCode::Layout, "layout"},
    {ErrorCode::Locked, "locked"},
    {ErrorCode::MissingBands, "missing_bands"},
    {ErrorCode::MissingColumn, "missing_column"},
    {ErrorCode::MissingFile, "missing_file"},
    {ErrorCode::MissingResource, "missing_resource"},
    {ErrorCode::NameClash, "name_clash"},
    {ErrorCode::NewerSchema, "newer_schema"},
    {ErrorCode::NoCredential, "no_credential"},
    {ErrorCode::NoCrypto, "no_crypto"},
    {ErrorCode::NoFit, "no_fit"},
    {ErrorCode::NoFolder, "no_folder"},
    {ErrorCode::NoHead, "no_head"},
    {ErrorCode::NoKeystore, "no_keystore"},
    {ErrorCode::NoMemory, "no_memory"},
    {ErrorCode::NoPassphrase, "no_passphrase"},
    {ErrorCode::NoPath, "no_path"},
    {ErrorCode::NoPersons, "no_persons"},
    {ErrorCode::NoPracticeKey, "no_practice_key"},
    {ErrorCode::NoProject, "no_project"},
    {ErrorCode::NoReason, "no_reason"},
    {ErrorCode::NoSodium, "no_sodium"},
    {ErrorCode::NotAFile, "not_a_file"},
    {ErrorCode::NotAProject, "not_a_project"},
    {ErrorCode::NotKeystore, "not_keystore"},
    {ErrorCode::NotLocked, "not_locked"},
    {ErrorCode::NotPermitted, "not_permitted"},
    {ErrorCode::NotPrivileged, "not_privileged"},
    {ErrorCode::NotProject, "not_project"},
    {ErrorCode::NotProven, "not_proven"},
    {ErrorCode::OldKeystore, "old_keystore"},
    {ErrorCode::Opened, "opened"},
    {ErrorCode::OrphanJournal, "orphan_journal"},
    {ErrorCode::OutsideData, "outside_data"},
    {ErrorCode::Parse, "parse"},
    {ErrorCode::ProjectBusy, "project_busy"},
    {ErrorCode::ProtectedFile, "protected_file"},
    {ErrorCode::RuleError, "rule_error"},
    {ErrorCode::Saved, "saved"},
    {ErrorCode::SqlError, "sql_error"},
    {ErrorCode::TooFewPeople, "too_few_people"},
    {ErrorCode::UnexpectedSuccess, "unexpected_success"},
    {ErrorCode::UnknownArea, "unknown_area"},
    {ErrorCode::UnknownCodelist, "unknown_codelist"},
    {ErrorCode::UnknownCohort, "unknown_cohort"},
    {ErrorCode::UnknownCycle, "unknown_cycle"},
    {ErrorCode::UnknownIndicator, "unknown_indicator"},
    {ErrorCode::UnknownPcn, "unknown_pcn"},
    {ErrorCode::UnknownPractice, "unknown_practice"},
    {ErrorCode::UnknownProgramme, "unknown_programme"},
    {ErrorCode::UnknownTemplate, "unknown_template"},
    {ErrorCode::UnknownUser, "unknown_user"},
    {ErrorCode::UnknownValue, "unknown_value"},
    {ErrorCode::UnterminatedQuote, "unterminated_quote"},
    {ErrorCode::Usage, "usage"},
    {ErrorCode::WeakPassphrase, "weak_passphrase"},
    {ErrorCode::WrongKey, "wrong_key"},
    {ErrorCode::WrongPassphrase, "wrong_passphrase"},
};

constexpr bool inEnumOrder() {
    for (size_t i = 0; i < std::size(kNames); ++i)
        if (kNames[i].code != ErrorCode(i)) return false;
    return true;
}
static_assert(std::size(kNames) == size_t(ErrorCode::WrongPassphrase) + 1 && inEnumOrder(), "kNames lists every ErrorCode, in order");
}  // namespace

QString errorCodeName(ErrorCode code) { return QString::fromLatin1(kNames[size_t(code)].name); }

}  // namespace phm::core
