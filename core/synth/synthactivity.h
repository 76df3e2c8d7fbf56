#pragma once
// Writes one person's records (the persons.csv row excluded) for every event dataset.
#include "base/csvwriter.h"
#include "base/dataspec.h"
#include "synth/synthperson.h"

#include <string>

namespace phm::core::synth {

// Receives rows; the generator's implementation injects data faults and counts rows.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual CsvBuffer &begin(Dataset d) = 0;                   // start a row in dataset d's buffer
    virtual void end(Dataset d) = 0;                           // the row is complete
    virtual void enrolled(int programme) { (void)programme; }  // a person was enrolled (synthprogrammes.h)
};

void writeActivity(const SynthContext &ctx, const SynthPerson &p, const std::string &personId, Rng &rng, RowSink &sink);

}  // namespace phm::core::synth
