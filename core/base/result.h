#pragma once
// Expected-failure handling for the core: a value or an Error, never an exception.
#include "base/errorcode.h"

#include <QString>
#include <utility>
#include <variant>

namespace phm::core {

struct Error {
    ErrorCode code = ErrorCode::None;  // what went wrong, e.g. ErrorCode::MissingColumn ("missing_column")
    QString message;                   // one sentence for a person, names file/line/column where known
    QString context;                   // optional extra detail (file path, SQL error text, ...)
};

template <class T>
class Result {
public:
    Result(T value) : mData(std::move(value)) {}
    Result(Error error) : mData(std::move(error)) {}
    bool ok() const { return mData.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(mData); }
    const T &value() const { return std::get<0>(mData); }
    const Error &error() const { return std::get<1>(mData); }

private:
    std::variant<T, Error> mData;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace phm::core
