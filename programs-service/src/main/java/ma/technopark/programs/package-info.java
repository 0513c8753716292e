/** programs-service: accompaniment programmes, cohorts, sessions, mentors, partners and conventions. */
package ma.technopark.programs;
