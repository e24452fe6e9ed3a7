//! Transport rules and objective weights: plain numbers that must not be negative
//! (a negative rate would reward what it should penalise).

use super::Diagnostic;
use super::context::Context;
use super::report::require_non_negative_float;

pub fn check_e0302_negative(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let transport = &cx.instance.transport;
    require_non_negative_float(
        out,
        transport.transfer_buffer_minutes,
        "transferBufferMinutes",
        "transport",
        "transport.transferBufferMinutes".to_owned(),
    );
    let w = &cx.instance.weights;
    for (field, value) in [
        ("unmetRequest", w.unmet_request),
        ("teacherKm", w.teacher_km),
        ("studentTravelMinute", w.student_travel_minute),
        ("remoteStudentLesson", w.remote_student_lesson),
        ("idleSlot", w.idle_slot),
    ] {
        require_non_negative_float(out, value, field, "weights", format!("weights.{field}"));
    }
}
